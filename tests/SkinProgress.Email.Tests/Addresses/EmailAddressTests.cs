using MimeKit;
using SkinProgress.Email.Addresses;

namespace SkinProgress.Email.Tests.Addresses;

public sealed class EmailAddressTests
{
    public static TheoryData<string, string> Accepted => new()
    {
        { "x@example.org", "x@example.org" },
        { "  x@example.org\u0020", "x@example.org" },
        { "a.b+tag@mail.example.org", "a.b+tag@mail.example.org" },
        { "Evil <x@example.org>", "x@example.org" },
        { "\"Evil, Inc\" <x@example.org>", "x@example.org" },
        { "=?utf-8?q?Evil?= <x@example.org>", "x@example.org" },
        { "<x@example.org>", "x@example.org" },
        { "x@example.org (a comment)", "x@example.org" },
        { "X.Y@Example.ORG", "X.Y@example.org" },
        { "x@example.org.", "x@example.org" },
        { "\"john doe\"@example.org", "\"john doe\"@example.org" },
        { "x@bücher.de", "x@xn--bcher-kva.de" },
        { "x@BÜCHER.de", "x@xn--bcher-kva.de" },
        { "x@xn--bcher-kva.de", "x@xn--bcher-kva.de" },
        { "ü@example.org", "ü@example.org" },
        { "e\u0301@example.org", "\u00e9@example.org" },
        { new string('a', 64) + "@example.org", new string('a', 64) + "@example.org" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void OneMailbox_IsAccepted_AsItsBareAddrSpec_WithTheDomainInLowerCaseAscii(string text, string normal)
    {
        Assert.True(EmailAddress.TryParse(text, out var address, out var problem), problem);
        Assert.Equal(normal, address.Value);
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void TheNormalForm_ParsesToItself_AndIsTheMailboxMimeKitAddresses(string text, string normal)
    {
        Assert.True(EmailAddress.TryParse(text, out var first, out _));
        Assert.True(EmailAddress.TryParse(first.Value, out var again, out var problem), problem);
        Assert.Equal(first, again);

        var mailbox = first.ToMailbox("Sam");
        Assert.Equal("Sam", mailbox.Name);
        Assert.Equal(normal, mailbox.GetAddress(idnEncode: true));
    }

    [Theory]
    // more than one mailbox, or none
    [InlineData("x@example.org, y@example.org", "One address only; this holds 2.")]
    [InlineData("Evil <x@example.org>, y@example.org", "One address only; this holds 2.")]
    [InlineData("x@example.org; y@example.org", "Not an email address such as name@example.org.")]
    [InlineData("x@example.org y@example.org", "Not an email address such as name@example.org.")]
    [InlineData("x@example.org,", "Not an email address such as name@example.org.")]
    [InlineData("undisclosed: x@example.org;", "One mailbox, not a group.")]
    [InlineData("undisclosed:;", "One mailbox, not a group.")]
    // not an address
    [InlineData("", "Required: one email address such as name@example.org.")]
    [InlineData("   ", "Required: one email address such as name@example.org.")]
    [InlineData("x", "Not an email address such as name@example.org.")]
    [InlineData("x@", "Not an email address such as name@example.org.")]
    [InlineData("@example.org", "Not an email address such as name@example.org.")]
    [InlineData("x@@example.org", "Not an email address such as name@example.org.")]
    [InlineData("x..y@example.org", "Not an email address such as name@example.org.")]
    [InlineData(".x@example.org", "Not an email address such as name@example.org.")]
    [InlineData("x@example..org", "Not an email address such as name@example.org.")]
    [InlineData("Evil <x@example.org", "Not an email address such as name@example.org.")]
    [InlineData("x@example.org>", "Not an email address such as name@example.org.")]
    // characters that end header lines, end C strings or hide
    [InlineData("x@example.org\r\nBcc: y@example.org", "Must not contain control or invisible characters.")]
    [InlineData("x@example.org\nBcc: y@example.org", "Must not contain control or invisible characters.")]
    [InlineData("x\0@example.org", "Must not contain control or invisible characters.")]
    [InlineData("x\t<x@example.org>", "Must not contain control or invisible characters.")]
    [InlineData("x\u007f@example.org", "Must not contain control or invisible characters.")]
    [InlineData("x\u200b@example.org", "Must not contain control or invisible characters.")]
    [InlineData("x@exam\u202eple.org", "Must not contain control or invisible characters.")]
    // domains that are no host name with a dot
    [InlineData("x@localhost", "The domain must be a host name with a dot, such as example.org.")]
    [InlineData("x@example.123", "The domain must be a host name with a dot, such as example.org.")]
    [InlineData("x@192.0.2.1", "The domain must be a host name with a dot, such as example.org.")]
    [InlineData("x@ex_ample.org", "The domain must be a host name with a dot, such as example.org.")]
    [InlineData("x@-example.org", "The domain must be a host name with a dot, such as example.org.")]
    [InlineData("x@xn--zz.org", "The domain must be a host name with a dot, such as example.org.")]
    [InlineData("x@[192.0.2.1]", "The domain must be a host name such as example.org, not an address literal.")]
    [InlineData("<@relay.example.org:x@example.org>", "Source routes (<@host:…>) are not accepted.")]
    public void AnythingButOneMailbox_IsRefused_SayingWhy(string text, string expected)
    {
        Assert.False(EmailAddress.TryParse(text, out var address, out var problem));
        Assert.Null(address);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Null_IsRefused()
    {
        Assert.False(EmailAddress.TryParse(null, out _, out var problem));
        Assert.Equal("Required: one email address such as name@example.org.", problem);
    }

    [Fact]
    public void ALoneSurrogate_IsRefused()
    {
        // Built at run time: a test case's data would be serialised, and the surrogate lost on the way.
        var text = new string('\ud800', 1) + "@example.org";
        Assert.False(EmailAddress.TryParse(text, out _, out var problem));
        Assert.Equal("Must be valid Unicode text.", problem);
    }

    [Fact]
    public void ALocalPartOver64Bytes_IsRefused()
    {
        Assert.False(EmailAddress.TryParse(new string('a', 65) + "@example.org", out _, out var problem));
        Assert.Equal("The part before @ must be at most 64 bytes.", problem);
        // 33 two-byte characters: 33 characters, 66 bytes.
        Assert.False(EmailAddress.TryParse(new string('ü', 33) + "@example.org", out _, out _));
    }

    [Fact]
    public void AnAddressOf254Characters_IsAccepted_And255AreRefused()
    {
        var domain254 = DomainOf(254 - "x@".Length);
        Assert.True(EmailAddress.TryParse($"x@{domain254}", out var longest, out var problem), problem);
        Assert.Equal(EmailAddress.MaxLength, longest.Value.Length);

        Assert.False(EmailAddress.TryParse($"xy@{domain254}", out _, out problem));
        Assert.Equal("At most 254 characters.", problem);
    }

    [Fact]
    public void AnInternationalDomain_IsMeasuredPunycoded()
    {
        // Each "üaa…" label of 27 characters is 34 once encoded (xn--aa…a-xzc): 213 characters as typed, 255 stored.
        var labels = Enumerable.Range(0, 6).Select(_ => "ü" + new string('a', 26));
        var typed = $"{new string('x', 42)}@{string.Join('.', labels)}.de";
        Assert.Equal(213, typed.Length);

        Assert.False(EmailAddress.TryParse(typed, out _, out var problem));
        Assert.Equal("At most 254 characters.", problem);
    }

    [Fact]
    public void TheSameMailboxWrittenTwoWays_IsOneAddress()
    {
        Assert.True(EmailAddress.TryParse("Sam <Sam@Bücher.DE>", out var a, out _));
        Assert.True(EmailAddress.TryParse("Sam@xn--bcher-kva.de", out var b, out _));
        Assert.Equal(a, b);
    }

    [Fact]
    public void ToMailbox_WithoutADisplayName_HasAnEmptyName()
    {
        Assert.True(EmailAddress.TryParse("x@example.org", out var address, out _));
        var mailbox = address.ToMailbox(null);
        Assert.Equal("", mailbox.Name);
        Assert.Equal("x@example.org", mailbox.Address);
        Assert.IsType<MailboxAddress>(mailbox);
    }

    /// <summary>A valid host name of exactly <paramref name="length"/> characters: labels of up to 63, "org" last.</summary>
    private static string DomainOf(int length)
    {
        var domain = new System.Text.StringBuilder();
        var left = length - "org".Length;
        while (left > 0)
        {
            var label = Math.Min(63, left - 1);
            if (left - (label + 1) == 1)
            {
                label--; // else only an empty label would be left
            }

            domain.Append('a', label).Append('.');
            left -= label + 1;
        }

        domain.Append("org");
        Assert.Equal(length, domain.Length);
        return domain.ToString();
    }
}

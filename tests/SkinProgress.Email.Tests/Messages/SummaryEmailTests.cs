using System.Text.RegularExpressions;
using MimeKit;
using SkinProgress.Email.Charts;
using SkinProgress.Email.Messages;

namespace SkinProgress.Email.Tests.Messages;

public sealed partial class SummaryEmailTests
{
    private const string Token = "tok_3Fq9xZ";
    private static readonly Guid UserId = Guid.Parse("5b8f3c1e-2a47-4d1b-9c3e-7f0a6d2e9b14");

    [Fact]
    public async Task Build_IsRelatedWithAlternativeRootAndAnInlineChart_AfterARoundTrip()
    {
        var sample = SampleWeeks.Ordinary();
        var rendered = await Rendering.RenderAsync(sample.Summary());
        var png = SummaryChart.RenderPng(sample.Chart());

        var parsed = RoundTrip(SummaryEmail.Build(rendered, png, Envelope(SampleWeeks.WeekStart)));

        var related = Assert.IsType<MultipartRelated>(parsed.Body);
        Assert.Equal("multipart/related", related.ContentType.MimeType);
        Assert.Equal(2, related.Count);
        var alternative = Assert.IsType<MultipartAlternative>(related.Root);
        Assert.Same(related[0], alternative);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        var text = Assert.IsType<TextPart>(alternative[0]);
        var html = Assert.IsType<TextPart>(alternative[1]);
        Assert.Equal(rendered.Text.ReplaceLineEndings(), text.Text.ReplaceLineEndings());
        Assert.Equal(rendered.Html.ReplaceLineEndings(), html.Text.ReplaceLineEndings());
        Assert.Equal("utf-8", text.ContentType.Charset, ignoreCase: true);

        var image = Assert.IsType<MimePart>(related[1]);
        Assert.Equal("image/png", image.ContentType.MimeType);
        Assert.Equal(ContentDisposition.Inline, image.ContentDisposition?.Disposition);
        var cid = Cid().Match(html.Text).Groups[1].Value;
        Assert.Equal(SummaryEmail.ChartContentId, cid);
        Assert.Equal(cid, image.ContentId);
        using var decoded = new MemoryStream();
        await image.Content!.DecodeToAsync(decoded);
        Assert.Equal(png, decoded.ToArray());
    }

    [Fact]
    public async Task Build_SetsFromToSubjectAndBothListUnsubscribeHeaders()
    {
        var parsed = RoundTrip(await Message(SampleWeeks.WeekStart));

        var from = Assert.IsType<MailboxAddress>(Assert.Single(parsed.From));
        Assert.Equal(("SkinProgress", "weekly@skinprogress.test"), (from.Name, from.Address));
        Assert.Equal("sam@example.org", Assert.IsType<MailboxAddress>(Assert.Single(parsed.To)).Address);
        Assert.Equal("Your SkinProgress week of 16 Nov 2026", parsed.Subject);
        Assert.Equal(
            $"<https://api.skinprogress.test/v1/unsubscribe/{Token}>, <mailto:unsubscribe@skinprogress.test?subject=unsubscribe-{Token}>",
            parsed.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", parsed.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task MessageId_IsTheSameForTheSameUserAndWeek_AndDiffersAcrossWeeksAndUsers()
    {
        var first = RoundTrip(await Message(SampleWeeks.WeekStart)).MessageId;
        var again = RoundTrip(await Message(SampleWeeks.WeekStart)).MessageId;
        var nextWeek = RoundTrip(await Message(SampleWeeks.WeekStart.AddDays(7))).MessageId;

        Assert.Equal(first, again);
        Assert.NotEqual(first, nextWeek);
        Assert.EndsWith("@skinprogress.test", first, StringComparison.Ordinal);
        Assert.DoesNotContain(UserId.ToString("N"), first, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(
            SummaryEmail.MessageId(UserId, SampleWeeks.WeekStart, "skinprogress.test"),
            SummaryEmail.MessageId(Guid.NewGuid(), SampleWeeks.WeekStart, "skinprogress.test"));
    }

    [Fact]
    public void Subject_SaysTheWeek()
    {
        Assert.Equal("Your SkinProgress week of 16 Nov 2026", SummaryEmail.Subject(new DateOnly(2026, 11, 16)));
        Assert.Equal("Your SkinProgress week of 4 Jan 2027", SummaryEmail.Subject(new DateOnly(2027, 1, 4)));
    }

    [Theory]
    [InlineData("https://api.skinprogress.test/v1/unsubscribe/a>b", "mailto:u@skinprogress.test")]
    [InlineData("https://api.skinprogress.test/v1/unsubscribe/a b", "mailto:u@skinprogress.test")]
    [InlineData("/v1/unsubscribe/abc", "mailto:u@skinprogress.test")]
    [InlineData("https://api.skinprogress.test/v1/unsubscribe/abc", "https://not-a-mailto.test")]
    public async Task Build_RejectsUnsubscribeLinksThatWouldBreakTheHeader(string url, string mailto)
    {
        var rendered = await Rendering.RenderAsync(SampleWeeks.Ordinary().Summary());

        Assert.Throws<ArgumentException>(() => SummaryEmail.Build(
            rendered,
            [1],
            Envelope(SampleWeeks.WeekStart) with { UnsubscribeUrl = url, UnsubscribeMailto = mailto }));
    }

    [Fact]
    public async Task Build_CanBeWrittenTwice_SoASendRetryReusesTheMessage()
    {
        var message = await Message(SampleWeeks.WeekStart);

        var first = Serialize(message);
        var second = Serialize(message);

        Assert.True(first.Length > 10_000);
        Assert.Equal(first.Length, second.Length);
    }

    private static async Task<MimeMessage> Message(DateOnly weekStart)
    {
        var sample = SampleWeeks.Ordinary();
        var rendered = await Rendering.RenderAsync(sample.Summary());
        return SummaryEmail.Build(rendered, SummaryChart.RenderPng(sample.Chart()), Envelope(weekStart));
    }

    private static SummaryEmailEnvelope Envelope(DateOnly weekStart) => new(
        new MailboxAddress("SkinProgress", "weekly@skinprogress.test"),
        new MailboxAddress("Sam", "sam@example.org"),
        SummaryEmail.Subject(weekStart),
        UserId,
        weekStart,
        $"https://api.skinprogress.test/v1/unsubscribe/{Token}",
        SummaryEmail.UnsubscribeMailto("unsubscribe@skinprogress.test", Token));

    private static byte[] Serialize(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    private static MimeMessage RoundTrip(MimeMessage message)
    {
        using var stream = new MemoryStream(Serialize(message));
        return MimeMessage.Load(stream);
    }

    [GeneratedRegex("<img src=\"cid:([^\"]+)\"")]
    private static partial Regex Cid();
}

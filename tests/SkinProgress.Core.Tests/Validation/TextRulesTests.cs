using System.Text;
using CsCheck;
using SkinProgress.Validation;

namespace SkinProgress.Core.Tests.Validation;

public sealed class TextRulesTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Theory]
    [InlineData("run-1")]
    [InlineData("Frühstück 🍳 朝ごはん")]
    [InlineData("")]
    public void Problem_IsNull_ForPrintableUnicode(string text)
    {
        Assert.Null(TextRules.Problem(text, 200));
    }

    [Theory]
    [InlineData("a\0b")]
    [InlineData("\u0001")]
    [InlineData("line\nbreak")]
    [InlineData("\u007f")]
    [InlineData("\u0085")]
    public void Problem_RefusesControlCharacters_InNamesAndIds(string text)
    {
        Assert.NotNull(TextRules.Problem(text, 200));
    }

    [Fact]
    public void Problem_AllowsTabsAndLineBreaks_OnlyInFreeText()
    {
        Assert.Null(TextRules.Problem("two\r\nlines\tand a tab", 200, allowLineBreaks: true));
        Assert.NotNull(TextRules.Problem("nul\0", 200, allowLineBreaks: true));
    }

    // As code units: the test runner would turn a lone surrogate in an attribute's string into U+FFFD.
    [Theory]
    [InlineData("d800")]
    [InlineData("0061 dc00")]
    [InlineData("d83d d83d")]
    [InlineData("dc00 d800")]
    public void Problem_RefusesLoneSurrogates(string units)
    {
        var text = new string([.. units.Split(' ').Select(u => (char)Convert.ToInt32(u, 16))]);

        Assert.NotNull(TextRules.Problem(text, 200));
    }

    [Fact]
    public void Problem_RefusesText_LongerThanItsLimit()
    {
        Assert.Null(TextRules.Problem(new string('x', 128), 128));
        Assert.NotNull(TextRules.Problem(new string('x', 129), 128));
    }

    [Fact]
    public void Problem_IsNull_OnlyForTextThatStrictUtf8AndPostgresCanHold()
    {
        // Any UTF-16 code units at all, biased towards the troublesome ones.
        var unit = Gen.Frequency((4, Gen.Char['a', 'z']), (2, Gen.Char[(char)0, (char)0x9f]), (2, Gen.Char[(char)0xd800, (char)0xdfff]), (2, Gen.Char));
        var text = unit.Array[0, 40].Select(chars => new string(chars));

        text.Sample(s =>
        {
            if (TextRules.Problem(s, 40) is not null)
            {
                return true;
            }

            var bytes = StrictUtf8.GetBytes(s); // throws for a lone surrogate
            return !s.Contains('\0', StringComparison.Ordinal) && StrictUtf8.GetString(bytes) == s && !s.Any(char.IsControl);
        }, iter: 20_000);
    }
}

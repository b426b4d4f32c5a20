using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace SkinProgress.Email.Tests;

public sealed partial class ReconnectNoticeTests
{
    private const StringComparison Ordinal = StringComparison.Ordinal;

    private static readonly ReconnectNotice TwoStopped = new(
        [new StoppedConnection("Strava", new DateOnly(2026, 11, 3)), new StoppedConnection("Withings", new DateOnly(2026, 11, 12))],
        "https://api.skinprogress.test/v1/connections/reconnect/CfDJ8_token-Zq");

    [Fact]
    public async Task EachStoppedConnection_HasItsOwnLine_WithTheReconnectLink_InHtml()
    {
        var html = (await Rendering.RenderAsync(SampleWeeks.Ordinary().Summary(), reconnect: TwoStopped)).Html;

        Assert.Contains("data-section=\"reconnect\"", html, Ordinal);
        Assert.Matches($"Strava stopped sharing data with SkinProgress on 3 Nov 2026 — <a href=\"{Regex.Escape(TwoStopped.Url)}\"[^>]*>reconnect</a>", html);
        Assert.Matches($"Withings stopped sharing data with SkinProgress on 12 Nov 2026 — <a href=\"{Regex.Escape(TwoStopped.Url)}\"[^>]*>reconnect</a>", html);
    }

    [Fact]
    public async Task EachStoppedConnection_HasItsOwnLine_WithTheLinkWrittenOut_InText()
    {
        var text = (await Rendering.RenderAsync(SampleWeeks.Ordinary().Summary(), reconnect: TwoStopped)).Text;

        var words = WhiteSpace().Replace(text, " ");
        Assert.Contains($"- Strava stopped sharing data with SkinProgress on 3 Nov 2026 — reconnect: {TwoStopped.Url}", words, Ordinal);
        Assert.Contains($"- Withings stopped sharing data with SkinProgress on 12 Nov 2026 — reconnect: {TwoStopped.Url}", words, Ordinal);
        Assert.Contains($"\n  {TwoStopped.Url}\n", text, Ordinal);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 72 || !line.Trim().Contains(' ', Ordinal), line));
    }

    [Fact]
    public async Task TheLines_ComeBeforeTheRecommendationsAndTheScore()
    {
        var summary = SampleWeeks.Ordinary().Summary();
        Assert.NotNull(summary.Score);

        var html = (await Rendering.RenderAsync(summary, reconnect: TwoStopped)).Html;

        Assert.True(html.IndexOf("data-section=\"reconnect\"", Ordinal) < html.IndexOf("data-section=\"score\"", Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WithoutStoppedConnections_NothingIsSaid(bool emptyNotice)
    {
        ReconnectNotice? notice = emptyNotice ? TwoStopped with { Connections = [] } : null;

        var rendered = await Rendering.RenderAsync(SampleWeeks.Ordinary().Summary(), reconnect: notice);

        Assert.DoesNotContain("data-section=\"reconnect\"", rendered.Html, Ordinal);
        Assert.DoesNotContain("stopped sharing", rendered.Html, Ordinal);
        Assert.DoesNotContain("stopped sharing", rendered.Text, Ordinal);
    }

    [Fact]
    public async Task ReconnectLink_MustBeAnAbsoluteWebLink()
    {
        var renderer = new SummaryEmailRenderer(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);

        await Assert.ThrowsAsync<ArgumentException>(() => renderer.RenderAsync(
            SampleWeeks.Ordinary().Summary(), Rendering.Links, null, TwoStopped with { Url = "javascript:alert(1)" }));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

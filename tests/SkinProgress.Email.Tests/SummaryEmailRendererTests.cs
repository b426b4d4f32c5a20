using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SkinProgress.Email.Messages;
using SkinProgress.Summaries;

namespace SkinProgress.Email.Tests;

public sealed partial class SummaryEmailRendererTests
{
    private const StringComparison Ordinal = StringComparison.Ordinal;

    [Fact]
    public async Task OrdinaryWeek_Html_ShowsScoreMetricsHabitCardsDisclaimerLinksAndChart()
    {
        var summary = SampleWeeks.Ordinary().Summary();
        Assert.NotEmpty(summary.HabitCards);

        var html = (await Rendering.RenderAsync(summary)).Html;

        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"{summary.Score!.Total}/100", html, Ordinal);
        foreach (var metric in summary.Metrics)
        {
            Assert.Contains($"data-metric=\"{metric.Kind}\"", html, Ordinal);
            Assert.Contains(Encode(metric.Label), html, Ordinal);
        }

        foreach (var card in summary.HabitCards)
        {
            Assert.Contains(Encode(card.Title), html, Ordinal);
            Assert.Contains(Encode(card.MeasuredText), html, Ordinal);
        }

        Assert.Contains(Encode(summary.NotMedicalAdvice.Text), html, Ordinal);
        Assert.Contains($"href=\"{Rendering.Links.UnsubscribeUrl}\"", html, Ordinal);
        Assert.Contains($"href=\"{Rendering.Links.SummaryUrl}\"", html, Ordinal);
        Assert.Matches($"<img src=\"cid:{Regex.Escape(SummaryEmail.ChartContentId)}\" alt=\"[^\"]+\"", html);
        Assert.Contains("max-width:600px", html, Ordinal);
        Assert.DoesNotContain("<link", html, Ordinal);
        Assert.DoesNotContain("<script", html, Ordinal);
    }

    [Fact]
    public async Task OrdinaryWeek_Html_MarksEachTrendWithAnArrow()
    {
        var summary = SampleWeeks.Ordinary().Summary();

        var html = (await Rendering.RenderAsync(summary)).Html;

        Assert.Contains(summary.Metrics, m => m.Trend == Trend.Down);
        foreach (var metric in summary.Metrics)
        {
            var mark = metric.Trend switch { Trend.Up => "↑", Trend.Down => "↓", Trend.Flat => "→", _ => "–" };
            Assert.Matches($"data-metric=\"{metric.Kind}\"(.|\\n)*?>{mark}</td>", html);
        }
    }

    [Fact]
    public async Task DuplicatesCountedOnce_AreSaidInHtmlAndText_OnlyWhenTheyHappened()
    {
        const string Line = "3 workouts reported by 2 sources were counted once.";
        var plain = SampleWeeks.Ordinary().Summary();

        var merged = await Rendering.RenderAsync(plain with { MergedDuplicates = Line });
        var none = await Rendering.RenderAsync(plain);

        Assert.Contains($"data-section=\"merged-duplicates\">{Line}</p>", merged.Html, Ordinal);
        Assert.Contains(Line, merged.Text, Ordinal);
        Assert.DoesNotContain("merged-duplicates", none.Html, Ordinal);
        Assert.DoesNotContain("counted once", none.Text, Ordinal);
    }

    [Fact]
    public async Task OrdinaryWeek_Text_HasTheSameFactsAndTheLinksWrittenOut()
    {
        var summary = SampleWeeks.Ordinary().Summary();

        var text = (await Rendering.RenderAsync(summary)).Text;

        Assert.Contains("Your weekly score: " + $"{summary.Score!.Total}/100", text, Ordinal);
        Assert.Contains(summary.Headline, text, Ordinal);
        foreach (var metric in summary.Metrics)
        {
            Assert.Contains($"- {metric.Label}: ", text, Ordinal);
        }

        foreach (var card in summary.HabitCards)
        {
            Assert.Contains(card.Title.ToUpperInvariant(), text, Ordinal);
            Assert.Contains(Words(card.MeasuredText), Words(text), Ordinal);
        }

        Assert.Contains(Words(summary.NotMedicalAdvice.Text), Words(text), Ordinal);
        Assert.Contains(Rendering.Links.SummaryUrl, text, Ordinal);
        Assert.Contains(Rendering.Links.UnsubscribeUrl, text, Ordinal);
        Assert.DoesNotContain("<", text, Ordinal);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 72 || !line.Trim().Contains(' ', Ordinal), line));
    }

    [Fact]
    public async Task Recommendation_HasAWhySection_WithEachReasonAndSource()
    {
        var summary = SampleWeeks.Urgent().Summary();
        var urgent = summary.UrgentNotice!;

        var rendered = await Rendering.RenderAsync(summary);

        Assert.Contains("Why am I seeing this?", rendered.Html, Ordinal);
        Assert.Contains("Why am I seeing this?", rendered.Text, Ordinal);
        foreach (var reason in urgent.Reasons)
        {
            Assert.Contains($"<strong>{Encode(reason.Input)}</strong>: {Encode(reason.Value)}", rendered.Html, Ordinal);
            Assert.Contains($"- {reason.Input}: {reason.Value}", rendered.Text, Ordinal);
        }

        foreach (var source in urgent.Sources)
        {
            Assert.Contains(Encode(source.Citation), rendered.Html, Ordinal);
            Assert.Contains($"evidence grade {source.Grade}", rendered.Html, Ordinal);
            Assert.Contains(Words(source.Citation), Words(rendered.Text), Ordinal);
        }
    }

    [Fact]
    public async Task FirstWeek_SaysThereIsNoEarlierData_AndHasNoTrend()
    {
        var summary = SampleWeeks.FirstWeek().Summary();
        Assert.All(summary.Metrics, m => Assert.Null(m.Baseline));

        var rendered = await Rendering.RenderAsync(summary);

        Assert.Contains("no earlier data", rendered.Html, Ordinal);
        Assert.Contains("(4-week average no earlier data) – no trend yet", rendered.Text, Ordinal);
        Assert.DoesNotContain(">↑<", rendered.Html, Ordinal);
        Assert.DoesNotContain(">↓<", rendered.Html, Ordinal);
    }

    [Fact]
    public async Task PartialWeek_MarksTheScorePartial_WithItsNote()
    {
        var summary = SampleWeeks.Partial().Summary();
        Assert.True(summary.Score!.IsPartial);

        var rendered = await Rendering.RenderAsync(summary);

        Assert.Contains("Your weekly score (partial)", rendered.Html, Ordinal);
        Assert.Contains(Encode(summary.Score.Note!), rendered.Html, Ordinal);
        Assert.Contains($"Your weekly score (partial): {summary.Score.Total}/100", rendered.Text, Ordinal);
        Assert.Contains(Words(summary.Score.Note!), Words(rendered.Text), Ordinal);
    }

    [Fact]
    public async Task UrgentWeek_PutsTheUrgentContentBeforeTheScoreAndHabitCards()
    {
        var summary = SampleWeeks.Urgent().Summary();
        Assert.True(summary.SuppressedBelowUrgent);
        Assert.NotNull(summary.Score);
        Assert.NotEmpty(summary.HabitCards);
        var urgentMessage = summary.UrgentNotice!.Messages[0];

        var rendered = await Rendering.RenderAsync(summary);

        var html = rendered.Html;
        var urgentAt = html.IndexOf(Encode(urgentMessage), Ordinal);
        Assert.True(urgentAt > 0);
        Assert.True(urgentAt < html.IndexOf("data-section=\"score\"", Ordinal));
        Assert.True(urgentAt < html.IndexOf("data-section=\"metrics\"", Ordinal));
        Assert.True(urgentAt < html.IndexOf("data-section=\"habit\"", Ordinal));
        Assert.True(urgentAt < html.IndexOf("data-section=\"headline\"", Ordinal));

        var text = Words(rendered.Text);
        var urgentTextAt = text.IndexOf(Words(urgentMessage), Ordinal);
        Assert.True(urgentTextAt > 0);
        Assert.True(urgentTextAt < text.IndexOf("Your weekly score", Ordinal));
        Assert.True(urgentTextAt < text.IndexOf(summary.HabitCards[0].Title.ToUpperInvariant(), Ordinal));
        Assert.True(urgentTextAt < text.IndexOf(summary.Headline, Ordinal));
    }

    [Fact]
    public async Task NonUrgentWeek_HasNoUrgentSection()
    {
        var rendered = await Rendering.RenderAsync(SampleWeeks.Ordinary().Summary());

        Assert.DoesNotContain("data-section=\"urgent\"", rendered.Html, Ordinal);
        Assert.DoesNotContain("urgent", rendered.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DisplayName_IsEncoded_NeverRaw()
    {
        const string name = "<script>alert(1)</script>";

        var rendered = await Rendering.RenderAsync(SampleWeeks.Ordinary().Summary(), name);

        Assert.DoesNotContain(name, rendered.Html, Ordinal);
        Assert.DoesNotContain("<script", rendered.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Hi &lt;script&gt;alert(1)&lt;/script&gt;,", rendered.Html, Ordinal);
        Assert.Contains($"Hi {name},", rendered.Text, Ordinal);
    }

    [Fact]
    public async Task DisplayName_IsOneLine_InBothParts()
    {
        var rendered = await Rendering.RenderAsync(SampleWeeks.Ordinary().Summary(), "  Sam\r\n\r\nUNSUBSCRIBE HERE: http://evil.test  ");

        Assert.Contains("Hi Sam UNSUBSCRIBE HERE: http://evil.test,", rendered.Text, Ordinal);
        Assert.DoesNotContain("\r", rendered.Text, Ordinal);
    }

    [Fact]
    public async Task WithoutDisplayName_TheGreetingHasNoName()
    {
        var rendered = await Rendering.RenderAsync(SampleWeeks.Ordinary().Summary(), null);

        Assert.Contains(">Hi,</p>", rendered.Html, Ordinal);
        Assert.Contains("\nHi,\n", rendered.Text, Ordinal);
    }

    [Fact]
    public async Task WeekWithoutData_IsShort_ButKeepsTheDisclaimerAndLinks()
    {
        var summary = SampleWeeks.NoData().Summary();
        Assert.False(summary.HasData);

        var rendered = await Rendering.RenderAsync(summary);

        Assert.Contains(SummaryCopy.NoDataThisWeek, rendered.Html, Ordinal);
        Assert.DoesNotContain("data-section=\"score\"", rendered.Html, Ordinal);
        Assert.DoesNotContain("data-section=\"metrics\"", rendered.Html, Ordinal);
        Assert.Contains(Encode(summary.NotMedicalAdvice.Text), rendered.Html, Ordinal);
        Assert.Contains(SummaryCopy.NoDataThisWeek, rendered.Text, Ordinal);
        Assert.Contains(Rendering.Links.UnsubscribeUrl, rendered.Text, Ordinal);
    }

    [Fact]
    public async Task NoSample_PromisesTightening()
    {
        SampleWeeks[] samples = [SampleWeeks.Ordinary(), SampleWeeks.FirstWeek(), SampleWeeks.Partial(), SampleWeeks.Urgent(), SampleWeeks.NoData()];
        foreach (var sample in samples)
        {
            var rendered = await Rendering.RenderAsync(sample.Summary());
            foreach (var part in new[] { rendered.Html, Words(rendered.Text) })
            {
                Assert.DoesNotMatch(Promise(), part);
            }
        }
    }

    [Fact]
    public async Task Links_MustBeAbsoluteWebLinks()
    {
        var renderer = new SummaryEmailRenderer(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);
        var summary = SampleWeeks.Ordinary().Summary();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            renderer.RenderAsync(summary, Rendering.Links with { UnsubscribeUrl = "javascript:alert(1)" }, null));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            renderer.RenderAsync(summary, Rendering.Links with { SummaryUrl = "/v1/me/summaries/2026-11-16" }, null));
    }

    /// <summary>
    /// Writes the sample emails to the test output folder (samples/), the chart beside them and referenced by file
    /// name instead of cid:, so they can be opened in a browser.
    /// </summary>
    [Fact]
    public async Task Samples_AreWrittenToTheOutputFolder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "samples")).FullName;
        foreach (var (name, sample) in new[] { ("ordinary", SampleWeeks.Ordinary()), ("urgent", SampleWeeks.Urgent()), ("first-week", SampleWeeks.FirstWeek()) })
        {
            var rendered = await Rendering.RenderAsync(sample.Summary());
            var chart = SkinProgress.Email.Charts.SummaryChart.RenderPng(sample.Chart());
            await File.WriteAllBytesAsync(Path.Combine(folder, $"{name}.png"), chart);
            await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.html"), rendered.Html.Replace($"cid:{SummaryEmail.ChartContentId}", $"{name}.png", Ordinal));
            await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.txt"), rendered.Text);
            Assert.True(File.Exists(Path.Combine(folder, $"{name}.html")));
        }
    }

    private static string Encode(string value) => System.Net.WebUtility.HtmlEncode(value);

    /// <summary>The text with its wrapping undone, so sentences can be searched for.</summary>
    private static string Words(string text) => WhiteSpace().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"will tighten|guarantee", RegexOptions.IgnoreCase)]
    private static partial Regex Promise();
}

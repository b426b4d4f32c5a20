using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SkinProgress.Data.Days;
using SkinProgress.Sources;

namespace SkinProgress.IntegrationTests.Summaries;

/// <summary>The summary loader reads the week's stored day explanations, so the email says when duplicates were counted once.</summary>
[Collection(RealServices.Name)]
public sealed class MergedDuplicatesLineTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task AWeekWithMergedWorkouts_GetsTheLineInItsEmail()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.FeedFourWeeksAsync(user, SummaryScenario.Week);
        // Tuesday's and Saturday's runs were also reported by Strava; the week before merged too, which must not count.
        await ExplainAsync(user, SummaryScenario.Week.AddDays(1), new MergeTally(1, 0, ["polar", "strava"]));
        await ExplainAsync(user, SummaryScenario.Week.AddDays(5), new MergeTally(1, 1, ["garmin", "withings"]));
        await ExplainAsync(user, SummaryScenario.Week.AddDays(-2), new MergeTally(4, 0, ["polar", "strava"]));

        await fixture.RunSummaryAsync(user, SummaryScenario.Week);

        var mail = Assert.Single(await fixture.EmailsAsync(user));
        var related = Assert.IsType<MultipartRelated>(mail.Body);
        var text = Assert.IsType<MultipartAlternative>(related.Root).OfType<TextPart>().Single(p => p.IsPlain).Text;
        Assert.Contains("2 workouts and 1 weigh-in reported by 4 sources were counted once.", text, StringComparison.Ordinal);
    }

    private Task<int> ExplainAsync(TestUser user, DateOnly date, MergeTally tally)
    {
        var explanation = JsonSerializer.Serialize(new DayExplanation(new Dictionary<string, IReadOnlyList<string>>(), [], tally), DailyTotalRow.ExplanationJson);
        return fixture.WithDbAsync(db => db.DailyTotals.Where(d => d.UserId == user.Id && d.LocalDate == date)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Explanation, explanation)));
    }
}

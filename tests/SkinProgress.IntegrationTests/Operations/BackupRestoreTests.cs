using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SkinProgress.IntegrationTests.Summaries;

namespace SkinProgress.IntegrationTests.Operations;

/// <summary>scripts/backup.sh and scripts/restore.sh on the database the Api and Worker use, read back through the Api.</summary>
[Collection(RealServices.Name)]
public sealed class BackupRestoreTests(SkinProgressFixture fixture) : IDisposable
{
    private readonly string _backup = Path.Combine(Path.GetTempPath(), $"skinprogress-{Guid.NewGuid():N}.dump");
    private readonly string _restored = $"skinprogress_restored_{Guid.NewGuid():N}"[..40];

    [Fact]
    public async Task Backup_RestoredIntoAFreshDatabase_ServesTheUsersDaysAndSummary_AndKeepsHangfiresJobs()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.FeedFourWeeksAsync(user, SummaryScenario.Week);
        await fixture.RunSummaryAsync(user, SummaryScenario.Week);
        await fixture.EmailsAsync(user);
        using var me = fixture.Client(user.UserKey);
        var weekDays = $"/v1/me/days?from={SummaryScenario.Week:yyyy-MM-dd}&to={SummaryScenario.Week.AddDays(6):yyyy-MM-dd}";
        var daysBefore = await me.GetStringAsync(weekDays);
        var summaryBefore = await me.GetStringAsync($"/v1/me/summaries/{SummaryScenario.Week:yyyy-MM-dd}");
        var jobsBefore = await JobIdsAsync(fixture.DataSource);
        Assert.NotEmpty(jobsBefore);

        await RunScriptAsync("backup.sh", _backup);
        await RunScriptAsync("restore.sh", _backup, "--database", _restored);

        var restoredSettings = new Dictionary<string, string?>(fixture.Settings, StringComparer.Ordinal)
        {
            ["ConnectionStrings:Postgres"] = RestoredConnectionString,
        };
        await using var restoredApi = new ApiFactory(restoredSettings);
        using var restoredMe = restoredApi.CreateClient();
        restoredMe.DefaultRequestHeaders.Authorization = new("Bearer", user.UserKey);

        var days = await restoredMe.GetFromJsonAsync<JsonElement>(weekDays);
        Assert.Equal(7, days.GetProperty("days").GetArrayLength());
        Assert.Equal(daysBefore, await restoredMe.GetStringAsync(weekDays));
        Assert.Equal(summaryBefore, await restoredMe.GetStringAsync($"/v1/me/summaries/{SummaryScenario.Week:yyyy-MM-dd}"));
        var summaries = await restoredMe.GetFromJsonAsync<JsonElement>("/v1/me/summaries");
        Assert.NotNull(Assert.Single(summaries.EnumerateArray().ToList()).GetProperty("sentAt").GetString());

        await using var restored = SkinProgressFixture.NamedDataSource(RestoredConnectionString);
        Assert.Superset(jobsBefore, await JobIdsAsync(restored));
    }

    [Fact]
    public async Task Restore_OverADatabaseWithTables_IsRefusedWithoutForce_AndChangesNothing()
    {
        var user = await fixture.CreateUserAsync();
        await RunScriptAsync("backup.sh", _backup);
        var live = new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database!;

        var refused = await TestServices.RunAsync(ScriptEnvironment, "bash", Script("restore.sh"), _backup, "--database", live);

        Assert.NotEqual(0, refused.Code);
        Assert.Contains("--force", refused.Output, StringComparison.Ordinal);
        using var me = fixture.Client(user.UserKey);
        using var response = await me.GetAsync("/v1/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose()
    {
        File.Delete(_backup);
        using var server = SkinProgressFixture.NamedDataSource(TestServices.Require("ConnectionStrings__Postgres"));
        using var drop = server.CreateCommand($"drop database if exists {_restored} with (force)");
        drop.ExecuteNonQuery();
    }

    private string RestoredConnectionString => new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Database = _restored }.ConnectionString;

    /// <summary>The scripts take the database from ConnectionStrings__Postgres, as the hosts do: here the fixture's own.</summary>
    private Dictionary<string, string> ScriptEnvironment => new() { ["ConnectionStrings__Postgres"] = fixture.ConnectionString };

    private static string Script(string name) => Path.Combine(TestServices.RepositoryRoot, "scripts", name);

    private async Task RunScriptAsync(string name, params string[] args)
    {
        var (code, output) = await TestServices.RunAsync(ScriptEnvironment, "bash", [Script(name), .. args]);
        Assert.True(code == 0, $"{name} failed ({code}): {output}");
    }

    private static async Task<HashSet<long>> JobIdsAsync(NpgsqlDataSource database)
    {
        await using var query = database.CreateCommand("select id from hangfire.job");
        await using var reader = await query.ExecuteReaderAsync();
        var ids = new HashSet<long>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}

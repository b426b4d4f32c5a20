using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static SkinProgress.IntegrationTests.Pipeline;

namespace SkinProgress.IntegrationTests.Ingest;

[Collection(RealServices.Name)]
public sealed class DatabaseOutageTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task PostEvents_Answers503WithRetryAfter_WhilePostgresIsDown_AndIsScoredOnceItIsBack()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);

        await TestServices.RunServicesScriptAsync("pg-stop");
        try
        {
            using var refused = await device.PostEventsAsync(Water("db-down", "2026-03-02T10:00:00Z", 250));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("urn:skinprogress:problem:database-unavailable", problem.GetProperty("type").GetString());
        }
        finally
        {
            await TestServices.RunServicesScriptAsync("pg-start");
            // Pooled connections died with the server; the test process holds both hosts' pools and its own.
            fixture.Api.Services.GetRequiredService<NpgsqlDataSource>().Clear();
            fixture.WorkerServices.GetRequiredService<NpgsqlDataSource>().Clear();
            fixture.DataSource.Clear();
        }

        await fixture.WaitUntilReadyAsync();
        using var accepted = await SkinProgressFixture.EventuallyAsync(
            () => device.PostEventsAsync(Water("db-down", "2026-03-02T10:00:00Z", 250)), r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(250, (await me.DayWithEventsAsync("2026-03-02", 1)).Number("fluidsMl"));
    }
}

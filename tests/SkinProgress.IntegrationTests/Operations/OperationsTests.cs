using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SkinProgress.IntegrationTests.Operations;

[Collection(RealServices.Name)]
public sealed class OperationsTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task Ready_ChecksPostgresAndRabbitMq()
    {
        using var client = fixture.Client();
        using var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("rabbitmq").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_ReportsTheMissingConsumer_WhileTheWorkerIsDisconnected()
    {
        using var client = fixture.Client();
        Assert.True(await ScoringConsumersAsync(client) >= 1);

        await fixture.StopWorkerAsync();
        try
        {
            using var response = await client.GetAsync("/health/ready");
            // Ingest still accepts: the queue keeps every message for the Worker.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var rabbit = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("rabbitmq");
            Assert.Equal(0, rabbit.GetProperty("data").GetProperty("scoring_consumers").GetInt32());
            Assert.Contains("No Worker is consuming scoring", rabbit.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await fixture.StartWorkerAsync();
        }

        Assert.True(await SkinProgressFixture.EventuallyAsync(() => ScoringConsumersAsync(client), n => n >= 1) >= 1);
    }

    [Fact]
    public async Task Metrics_AreServedInPrometheusTextFormat_AndCountIngestedEvents()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        await device.PostEventsAsync(Pipeline.Water("metric", "2026-03-02T10:00:00Z", 100));

        using var client = fixture.Client();
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"skinprogress_ingest_events_total\{outcome=""accepted""\} [1-9]", text);
        Assert.Contains("http_requests_received_total", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ShowNoConnectionString()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        await device.PostEventsAsync(Pipeline.Water("pools", "2026-03-02T10:00:00Z", 100));
        using var client = fixture.Client();

        var text = await client.GetStringAsync("/metrics");

        // The database pools are there, named for the application.
        var pools = Regex.Matches(text, "db_client_connection_pool_name=\"([^\"]*)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains("SkinProgress.Api", pools);
        // Npgsql's keywords as it writes them (a label such as server_port is not one).
        foreach (var part in new[] { "Host=", "Port=", "Database=", "Username=", "Password=", "Pooling=" })
        {
            Assert.DoesNotContain(part, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_WhenConfiguredSo_TakeTheAdminKeyOnly()
    {
        var user = await fixture.CreateUserAsync();
        await using var api = new ApiFactory(new Dictionary<string, string?>(fixture.Settings) { ["Metrics:RequireAdminKey"] = "true" });
        HttpClient Client(string? key)
        {
            var client = api.CreateClient();
            if (key is not null)
            {
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            }

            return client;
        }

        using var anonymous = Client(null);
        using var userClient = Client(user.UserKey);
        using var admin = Client(fixture.AdminKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await userClient.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Live_AnswersWithoutDependencies()
    {
        using var client = fixture.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Theory]
    [InlineData("/v1/events", "post")]
    [InlineData("/v1/imports", "post")]
    [InlineData("/v1/me", "get")]
    [InlineData("/v1/me/profile", "put")]
    [InlineData("/v1/me/days", "get")]
    [InlineData("/v1/admin/users", "post")]
    [InlineData("/v1/admin/users/{id}/devices", "post")]
    [InlineData("/v1/admin/users/{id}/keys", "post")]
    [InlineData("/v1/admin/keys/{keyId}", "delete")]
    [InlineData("/v1/admin/users/{id}/sync", "get")]
    [InlineData("/v1/admin/summaries/run", "post")]
    [InlineData("/v1/admin/summaries/failures", "get")]
    [InlineData("/v1/me/summaries", "get")]
    [InlineData("/v1/me/summaries/{weekStart}", "get")]
    [InlineData("/v1/me/export", "get")]
    [InlineData("/v1/me", "delete")]
    [InlineData("/v1/unsubscribe/{token}", "get")]
    [InlineData("/v1/unsubscribe/{token}", "post")]
    [InlineData("/v1/connections/reconnect/{token}", "get")]
    public async Task OpenApiDocument_DescribesEveryEndpointOfTheContract(string path, string method)
    {
        using var client = fixture.Client();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"{path} missing from the OpenAPI document");
        Assert.True(item.TryGetProperty(method, out _), $"{method} {path} missing");
    }

    [Fact]
    public async Task ApiReferencePage_IsServed()
    {
        using var client = fixture.Client();
        using var response = await client.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_GetsProblemDocument()
    {
        using var client = fixture.Client();
        using var response = await client.GetAsync("/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<int> ScoringConsumersAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        var rabbit = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("rabbitmq");
        return rabbit.GetProperty("data").GetProperty("scoring_consumers").GetInt32();
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SkinProgress.Data;
using SkinProgress.IntegrationTests.Mail;
using SkinProgress.Worker;

namespace SkinProgress.IntegrationTests;

[CollectionDefinition(Name)]
public sealed class RealServices : ICollectionFixture<SkinProgressFixture>
{
    public const string Name = "SkinProgress on real services";
}

/// <summary>
/// One Api (WebApplicationFactory) and one Worker host per test run, on a database of their own in the
/// PostgreSQL that ./test.sh started, and on its RabbitMQ. Tests isolate themselves by creating their own users.
/// </summary>
public sealed class SkinProgressFixture : IAsyncLifetime
{
    /// <summary>High enough for every other test's bursts from one device, low enough to reach in a test.</summary>
    public const int DeviceRequestsPerMinute = 200;

    private readonly string _database = $"skinprogress_it_{Guid.NewGuid():N}"[..32];
    private IHost? _worker;

    public string AdminKey { get; } = "spa_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public string ConnectionString { get; private set; } = "";

    /// <summary>
    /// For the tests' own connections to the test database: named, as the hosts' pools are, since Npgsql's metrics
    /// are process-wide and /metrics, served in this process, would show an unnamed pool's connection string.
    /// </summary>
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    public TestSmtpServer Smtp { get; } = new();

    /// <summary>The running Worker's services, to run a job directly as Hangfire would.</summary>
    public IServiceProvider WorkerServices => _worker?.Services ?? throw new InvalidOperationException("The Worker is stopped.");

    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        var baseConnection = TestServices.Require("ConnectionStrings__Postgres");
        ConnectionString = new NpgsqlConnectionStringBuilder(baseConnection) { Database = _database, Pooling = true }.ConnectionString;
        await using (var server = NamedDataSource(baseConnection))
        {
            await using var create = server.CreateCommand($"create database {_database}");
            await create.ExecuteNonQueryAsync();
        }

        DataSource = NamedDataSource(ConnectionString);

        Settings["ConnectionStrings:Postgres"] = ConnectionString;
        Settings["Admin:BootstrapKey"] = AdminKey;
        Settings["RabbitMq:PublishTimeout"] = "00:00:03";
        Settings["Smtp:Host"] = "127.0.0.1";
        Settings["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Smtp:Security"] = "None";
        Settings["Email:From"] = "summaries@skinprogress.test";
        Settings["Email:PublicBaseUrl"] = "https://app.skinprogress.test";
        Settings["Email:UnsubscribeMailbox"] = "unsubscribe@skinprogress.test";
        // Tests drive the dispatch themselves, with a fake clock where time matters.
        Settings["Summaries:ScheduleDispatch"] = "false";
        Smtp.Start();
        Settings["RateLimits:DeviceRequestsPerMinute"] = DeviceRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await StartWorkerAsync(migrate: true);
        Api = new ApiFactory(Settings);
        await WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await StopWorkerAsync();
        await Api.DisposeAsync();
        await Smtp.DisposeAsync();
        await DataSource.DisposeAsync();
        await using var server = NamedDataSource(TestServices.Require("ConnectionStrings__Postgres"));
        await using var drop = server.CreateCommand($"drop database if exists {_database} with (force)");
        await drop.ExecuteNonQueryAsync();
    }

    public Task StartWorkerAsync(bool migrate = false) => StartWorkerAsync(new Dictionary<string, string?>(), migrate);

    /// <summary>Starts the Worker on the fixture's settings with <paramref name="extraSettings"/> over them.</summary>
    public async Task StartWorkerAsync(IReadOnlyDictionary<string, string?> extraSettings, bool migrate = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Configuration.AddInMemoryCollection(extraSettings);
        builder.AddWorker();
        _worker = builder.Build();
        if (migrate)
        {
            await _worker.MigrateDatabaseAsync();
        }

        await _worker.StartAsync();
    }

    /// <summary>
    /// Replaces the shared Worker with one on extra settings (providers pointed at stand-ins, say) until the answer is
    /// disposed, which starts the default Worker again for the tests that follow.
    /// </summary>
    public async Task<IAsyncDisposable> WorkerWithAsync(IReadOnlyDictionary<string, string?> extraSettings)
    {
        await StopWorkerAsync();
        await StartWorkerAsync(extraSettings);
        return new DefaultWorkerRestorer(this);
    }

    /// <summary>
    /// Stops the shared Worker until the answer is disposed (for a test that runs Workers of its own), then starts the
    /// default one again.
    /// </summary>
    public async Task<IAsyncDisposable> WithoutWorkerAsync()
    {
        await StopWorkerAsync();
        return new DefaultWorkerRestorer(this);
    }

    public async Task StopWorkerAsync()
    {
        if (_worker is null)
        {
            return;
        }

        await _worker.StopAsync();
        _worker.Dispose();
        _worker = null;
    }

    public HttpClient Client(string? key = null)
    {
        var client = Api.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public HttpClient Admin() => Client(AdminKey);

    /// <summary>A new user with one device and one user key, as an admin would set them up.</summary>
    public async Task<TestUser> CreateUserAsync(string timeZone = "Europe/London", string source = "garmin", object? profile = null)
    {
        using var admin = Admin();
        var email = $"u{Guid.NewGuid():N}@example.org";
        var created = await admin.PostAsJsonAsync("/v1/admin/users", new { email, profile = profile ?? new { timeZone, heightCm = 170, birthYear = 1985 } });
        created.EnsureSuccessStatusCode();
        var user = await created.Content.ReadFromJsonAsync<IdDto>();
        var device = await (await admin.PostAsJsonAsync($"/v1/admin/users/{user!.Id}/devices", new { name = "watch", source }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<KeyDto>();
        var userKey = await (await admin.PostAsync($"/v1/admin/users/{user.Id}/keys", null))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<KeyDto>();
        return new TestUser(user.Id, email, device!.Key, device.KeyId, device.Id, userKey!.Key, userKey.KeyId);
    }

    /// <summary>Waits, up to a bound, for a condition the asynchronous pipeline will make true.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        var value = await probe();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            value = await probe();
        }

        return value;
    }

    public async Task WaitUntilReadyAsync()
    {
        using var client = Client();
        var status = await EventuallyAsync(async () => (await client.GetAsync("/health/ready")).StatusCode, s => s == System.Net.HttpStatusCode.OK);
        if (status != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The Api did not become ready: {status}");
        }
    }

    public async Task<T> WithDbAsync<T>(Func<SkinProgressDbContext, Task<T>> query)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SkinProgressDbContext>());
    }

    /// <summary>
    /// Every connection a test opens goes through a named data source: Npgsql's pool metrics are process-wide and name
    /// an unnamed pool after its connection string, which the Api's /metrics, served from this process, must never show.
    /// </summary>
    public static NpgsqlDataSource NamedDataSource(string connectionString) =>
        new NpgsqlDataSourceBuilder(connectionString) { Name = "SkinProgress.IntegrationTests" }.Build();

    private sealed class DefaultWorkerRestorer(SkinProgressFixture fixture) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await fixture.StopWorkerAsync();
            await fixture.StartWorkerAsync();
        }
    }

    private sealed record IdDto(Guid Id);

    private sealed record KeyDto(Guid Id, Guid KeyId, string Key);
}

public sealed record TestUser(Guid Id, string Email, string DeviceKey, Guid DeviceKeyId, Guid DeviceId, string UserKey, Guid UserKeyId);

/// <summary>The Api on the fixture's settings; <paramref name="services"/> adds to its services (a test-only provider).</summary>
public sealed class ApiFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions.UseEnvironment(builder, "Development");
        builder.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(settings));
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }
}

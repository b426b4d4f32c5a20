using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkinProgress.Connections;

namespace SkinProgress.IntegrationTests.Connections;

/// <summary>The loopback authorization server and an Api that offers <see cref="LoopbackConnectionProvider"/> on it.</summary>
public sealed class ConnectionHosts : IAsyncDisposable
{
    private ConnectionHosts(LoopbackOAuthServer oauth, LoopbackConnectionProvider provider, ApiFactory api, LogRecorder logs)
    {
        OAuth = oauth;
        Provider = provider;
        Api = api;
        Logs = logs;
    }

    public LoopbackOAuthServer OAuth { get; }

    public LoopbackConnectionProvider Provider { get; }

    public ApiFactory Api { get; }

    /// <summary>Everything the Api logged.</summary>
    public LogRecorder Logs { get; }

    public static async Task<ConnectionHosts> StartAsync(SkinProgressFixture fixture)
    {
        var oauth = await LoopbackOAuthServer.StartAsync();
        var provider = new LoopbackConnectionProvider(oauth.Address);
        var logs = new LogRecorder();
        var api = new ApiFactory(fixture.Settings, services =>
        {
            Register(provider)(services);
            services.AddLogging(logs.AddTo);
        });
        return new ConnectionHosts(oauth, provider, api, logs);
    }

    public static Action<IServiceCollection> Register(IConnectionProvider provider) => services => services.AddSingleton(provider);

    /// <summary>A user connected to the loopback provider as <paramref name="owner"/>, through the connect page.</summary>
    public async Task<TestUser> ConnectedUserAsync(SkinProgressFixture fixture, string owner)
    {
        var user = await fixture.CreateUserAsync();
        using var browser = new ConnectBrowser(Api);
        (await browser.OpenAsync(await ConnectBrowser.CreateLinkAsync(Api, user.UserKey))).Dispose();
        OAuth.NextOwner = owner;
        using var done = await browser.ConnectAsync(LoopbackConnectionProvider.ProviderName);
        Assert.Equal("/v1/connections", done.Headers.Location?.OriginalString);
        return user;
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await OAuth.DisposeAsync();
    }
}

using Microsoft.Extensions.DependencyInjection;
using SkinProgress.Connections;

namespace SkinProgress.IntegrationTests.Connections;

/// <summary>The loopback authorization server and an Api that offers <see cref="LoopbackConnectionProvider"/> on it.</summary>
public sealed class ConnectionHosts : IAsyncDisposable
{
    private ConnectionHosts(LoopbackOAuthServer oauth, LoopbackConnectionProvider provider, ApiFactory api)
    {
        OAuth = oauth;
        Provider = provider;
        Api = api;
    }

    public LoopbackOAuthServer OAuth { get; }

    public LoopbackConnectionProvider Provider { get; }

    public ApiFactory Api { get; }

    public static async Task<ConnectionHosts> StartAsync(SkinProgressFixture fixture)
    {
        var oauth = await LoopbackOAuthServer.StartAsync();
        var provider = new LoopbackConnectionProvider(oauth.Address);
        return new ConnectionHosts(oauth, provider, new ApiFactory(fixture.Settings, Register(provider)));
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

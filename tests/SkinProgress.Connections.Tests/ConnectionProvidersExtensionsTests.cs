using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SkinProgress.Connections.Polar;
using SkinProgress.Connections.Strava;
using SkinProgress.Connections.Withings;

namespace SkinProgress.Connections.Tests;

public class ConnectionProvidersExtensionsTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddConnectionProviders();
        return builder.Build();
    }

    [Fact]
    public void EveryProvider_IsRegistered_AndOfferedOnlyWithAClientId()
    {
        using var host = Build(new() { ["Providers:Withings:ClientId"] = "id", ["Providers:Withings:ClientSecret"] = "secret" });

        var providers = host.Services.GetServices<IConnectionProvider>().ToList();

        Assert.Equal(["strava", "withings", "polar"], providers.Select(p => p.Name));
        Assert.Equal(["withings"], providers.Where(p => p.IsConfigured).Select(p => p.Name));
    }

    [Fact]
    public void Endpoints_DefaultToTheProvidersOwn()
    {
        using var host = Build([]);

        Assert.Equal(new Uri("https://www.strava.com/api/v3/activities/1"), host.Services.GetRequiredService<IOptions<StravaOptions>>().Value.Api("activities/1"));
        Assert.Equal(new Uri("https://wbsapi.withings.net/v2/oauth2"), host.Services.GetRequiredService<IOptions<WithingsOptions>>().Value.TokenUrl);
        Assert.Equal(new Uri("https://www.polaraccesslink.com/v3/exercises"), host.Services.GetRequiredService<IOptions<PolarOptions>>().Value.Api("exercises"));
    }

    [Theory]
    [InlineData("Strava", "VerifyToken")]
    [InlineData("Polar", "WebhookSecret")]
    [InlineData("Withings", "ClientSecret")]
    public async Task ConfiguredProvider_WithoutWhatItsWebhooksOrTokensNeed_FailsOnStart(string provider, string missing)
    {
        using var host = Build(new() { [$"Providers:{provider}:ClientId"] = "id", [$"Providers:{provider}:ClientSecret"] = missing == "ClientSecret" ? null : "secret" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"Providers:{provider}: {missing}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RelativeEndpoint_FailsOnStart()
    {
        using var host = Build(new() { ["Providers:Strava:ApiBaseUrl"] = "/api" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ApiBaseUrl", failure.Message, StringComparison.Ordinal);
    }
}

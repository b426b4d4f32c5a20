using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkinProgress.Connections;

namespace SkinProgress.IntegrationTests.Connections.StandIns;

/// <summary>
/// Receives the stand-ins' webhooks over real HTTP at <c>/v1/webhooks/{provider}</c> and answers with the provider's
/// verdict, keeping the notifications it accepted: what the Api's webhook endpoint does before publishing.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentQueue<ProviderNotification> Accepted { get; } = new();

    public Uri BaseUrl { get; }

    public Uri Callback(string provider) => new(BaseUrl, $"v1/webhooks/{provider}");

    private WebhookReceiver(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<WebhookReceiver> StartAsync(IEnumerable<IConnectionProvider> providers)
    {
        var byName = providers.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Map("/v1/webhooks/{provider}", async (HttpContext context, string provider) =>
        {
            if (!byName.TryGetValue(provider, out var p))
            {
                return Results.NotFound();
            }

            var reading = await p.ReadWebhookAsync(context.Request, context.RequestAborted);
            foreach (var notification in reading.Notifications)
            {
                receiver!.Accepted.Enqueue(notification);
            }

            return reading.ResponseJson is { } json ? Results.Content(json, "application/json") : Results.StatusCode(reading.StatusCode);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(address + "/"));
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

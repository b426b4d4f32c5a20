using Microsoft.Extensions.DependencyInjection;
using SkinProgress.Summaries;

namespace SkinProgress.Email.Tests;

/// <summary>Renders through the renderer as the DI container gives it.</summary>
internal static class Rendering
{
    public static readonly SummaryEmailLinks Links = new(
        "https://api.skinprogress.test/v1/me/summaries/2026-11-16",
        "https://api.skinprogress.test/v1/unsubscribe/tok_3Fq9xZ");

    private static readonly SummaryEmailRenderer Renderer =
        new ServiceCollection().AddLogging().AddSummaryEmail().BuildServiceProvider().GetRequiredService<SummaryEmailRenderer>();

    public static Task<RenderedSummaryEmail> RenderAsync(WeeklySummary summary, string? displayName = "Sam", ReconnectNotice? reconnect = null) =>
        Renderer.RenderAsync(summary, Links, displayName, reconnect);
}

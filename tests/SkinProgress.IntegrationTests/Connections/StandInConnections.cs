using Microsoft.EntityFrameworkCore;

namespace SkinProgress.IntegrationTests.Connections;

/// <summary>
/// Removes, when disposed, the live connections to Strava, Withings and Polar: a stand-in's person is the same in every
/// test, and an account at a provider is connected to one user at a time, so the next test can connect it again.
/// </summary>
public sealed class StandInConnections(SkinProgressFixture fixture) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() =>
        await fixture.WithDbAsync(db => db.Connections
            .Where(c => c.RemovedAt == null && (c.Provider == "strava" || c.Provider == "withings" || c.Provider == "polar"))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RemovedAt, DateTimeOffset.UtcNow)));
}

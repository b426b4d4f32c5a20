namespace SkinProgress.Connections.Http;

/// <summary>
/// One of a provider's published limits: at most <see cref="Limit"/> requests per application in each window of
/// <see cref="Length"/>, windows aligned to the Unix epoch (so a 15-minute window starts at :00, :15, :30, :45 and a
/// day at midnight UTC, as Strava counts them).
/// </summary>
public sealed record RateWindow(string Name, TimeSpan Length, long Limit)
{
    public DateTimeOffset StartOf(DateTimeOffset now)
    {
        var ticks = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(ticks - (ticks % Length.Ticks));
    }
}

using System.Globalization;
using SkinProgress.Days;

namespace SkinProgress.Core.Tests.Days;

/// <summary>Days are the user's local calendar days in the profile's IANA time zone (docs/architecture.md, Days and weeks are the user's).</summary>
public sealed class LocalDayTests
{
    private static TimeZoneInfo Zone(string id)
    {
        Assert.True(LocalDay.TryFindZone(id, out var zone), $"time zone {id} not found");
        return zone;
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    /// <summary>Every instant, hour by hour, across three UTC days around the date, that falls on the date.</summary>
    private static List<DateTimeOffset> HourlyInstantsOn(DateOnly date, TimeZoneInfo zone)
    {
        var start = new DateTimeOffset(date.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return Enumerable.Range(0, 72)
            .Select(h => start.AddHours(h))
            .Where(t => LocalDay.Of(t, zone) == date)
            .ToList();
    }

    // ---- Late evening stays on the local day ---------------------------------------------------

    [Fact]
    public void Of_PutsLateEvening_OnLocalDay_InLondonSummer_ThoughUtcIsEarlier()
    {
        var instant = new DateTimeOffset(2026, 7, 15, 23, 30, 0, TimeSpan.FromHours(1));
        Assert.Equal(Utc(2026, 7, 15, 22, 30), instant);

        Assert.Equal(new DateOnly(2026, 7, 15), LocalDay.Of(instant, Zone("Europe/London")));
    }

    [Fact]
    public void Of_PutsEventAfterLocalMidnight_OnNextDay_InLondonSummer_ThoughUtcIsStillPreviousDay()
    {
        // 00:30 BST on 16 July is 23:30 UTC on 15 July.
        Assert.Equal(new DateOnly(2026, 7, 16), LocalDay.Of(Utc(2026, 7, 15, 23, 30), Zone("Europe/London")));
    }

    [Fact]
    public void Of_PutsLateEvening_OnLocalDay_InLosAngeles_ThoughUtcIsNextDay()
    {
        var instant = new DateTimeOffset(2026, 1, 15, 23, 30, 0, TimeSpan.FromHours(-8));
        Assert.Equal(Utc(2026, 1, 16, 7, 30), instant);

        Assert.Equal(new DateOnly(2026, 1, 15), LocalDay.Of(instant, Zone("America/Los_Angeles")));
    }

    [Fact]
    public void Of_IgnoresTheInstantsOwnOffset_AndUsesTheZone()
    {
        var zone = Zone("America/Los_Angeles");
        var sameInstant = new[]
        {
            new DateTimeOffset(2026, 1, 15, 23, 30, 0, TimeSpan.FromHours(-8)),
            Utc(2026, 1, 16, 7, 30),
            new DateTimeOffset(2026, 1, 16, 20, 30, 0, TimeSpan.FromHours(13)),
        };

        Assert.All(sameInstant, t => Assert.Equal(new DateOnly(2026, 1, 15), LocalDay.Of(t, zone)));
    }

    [Fact]
    public void Of_PutsEarlyMorning_OnLocalDay_InAucklandSummer_ThoughUtcIsPreviousDay()
    {
        // NZDT is UTC+13: 00:30 on 15 January is 11:30 UTC on 14 January.
        var instant = new DateTimeOffset(2026, 1, 15, 0, 30, 0, TimeSpan.FromHours(13));
        Assert.Equal(Utc(2026, 1, 14, 11, 30), instant);

        Assert.Equal(new DateOnly(2026, 1, 15), LocalDay.Of(instant, Zone("Pacific/Auckland")));
    }

    [Fact]
    public void Of_PutsLateEvening_OnLocalDay_InAucklandWinter()
    {
        // NZST is UTC+12: 23:30 on 15 July is 11:30 UTC on 15 July; 12:30 UTC is already 16 July.
        var zone = Zone("Pacific/Auckland");

        Assert.Equal(new DateOnly(2026, 7, 15), LocalDay.Of(Utc(2026, 7, 15, 11, 30), zone));
        Assert.Equal(new DateOnly(2026, 7, 16), LocalDay.Of(Utc(2026, 7, 15, 12, 30), zone));
    }

    [Fact]
    public void Of_UsesUtcDate_InUtc()
    {
        Assert.Equal(new DateOnly(2026, 1, 15), LocalDay.Of(Utc(2026, 1, 15, 23, 59, 59), TimeZoneInfo.Utc));
        Assert.Equal(new DateOnly(2026, 1, 16), LocalDay.Of(Utc(2026, 1, 16, 0, 0), TimeZoneInfo.Utc));
    }

    // ---- DST change days -----------------------------------------------------------------------

    [Theory]
    // America/Los_Angeles, spring forward 2026-03-08 02:00 PST -> 03:00 PDT (10:00 UTC).
    [InlineData("2026-03-08T07:59:59Z", "2026-03-07")] // 23:59:59 PST on the 7th
    [InlineData("2026-03-08T08:00:00Z", "2026-03-08")] // 00:00 PST
    [InlineData("2026-03-08T09:59:59Z", "2026-03-08")] // 01:59:59 PST, just before the switch
    [InlineData("2026-03-08T10:00:00Z", "2026-03-08")] // 03:00 PDT, just after the switch
    [InlineData("2026-03-09T06:59:59Z", "2026-03-08")] // 23:59:59 PDT
    [InlineData("2026-03-09T07:00:00Z", "2026-03-09")] // 00:00 PDT on the 9th
    // America/Los_Angeles, fall back 2026-11-01 02:00 PDT -> 01:00 PST (09:00 UTC).
    [InlineData("2026-11-01T06:59:59Z", "2026-10-31")] // 23:59:59 PDT on 31 October
    [InlineData("2026-11-01T07:00:00Z", "2026-11-01")] // 00:00 PDT
    [InlineData("2026-11-01T08:59:59Z", "2026-11-01")] // 01:59:59 PDT, just before the switch
    [InlineData("2026-11-01T09:00:00Z", "2026-11-01")] // 01:00 PST, just after the switch
    [InlineData("2026-11-02T07:59:59Z", "2026-11-01")] // 23:59:59 PST
    [InlineData("2026-11-02T08:00:00Z", "2026-11-02")] // 00:00 PST on the 2nd
    public void Of_MapsInstantsAroundDstSwitch_ToRightDay_InLosAngeles(string instant, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture),
            LocalDay.Of(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture), Zone("America/Los_Angeles")));
    }

    [Fact]
    public void Of_PutsBothOccurrencesOfRepeatedHour_OnFallBackDay_InLosAngeles()
    {
        var zone = Zone("America/Los_Angeles");
        var firstOneThirty = new DateTimeOffset(2026, 11, 1, 1, 30, 0, TimeSpan.FromHours(-7)); // PDT
        var secondOneThirty = new DateTimeOffset(2026, 11, 1, 1, 30, 0, TimeSpan.FromHours(-8)); // PST
        Assert.Equal(TimeSpan.FromHours(1), secondOneThirty - firstOneThirty);

        Assert.Equal(new DateOnly(2026, 11, 1), LocalDay.Of(firstOneThirty, zone));
        Assert.Equal(new DateOnly(2026, 11, 1), LocalDay.Of(secondOneThirty, zone));
    }

    [Fact]
    public void Of_GivesFallBackDay_TwentyFiveHours_InLosAngeles()
    {
        var instants = HourlyInstantsOn(new DateOnly(2026, 11, 1), Zone("America/Los_Angeles"));

        Assert.Equal(25, instants.Count);
        Assert.Equal(Utc(2026, 11, 1, 7), instants[0]);
        Assert.Equal(Utc(2026, 11, 2, 7), instants[^1]);
    }

    [Fact]
    public void Of_GivesSpringForwardDay_TwentyThreeHours_InLosAngeles()
    {
        var instants = HourlyInstantsOn(new DateOnly(2026, 3, 8), Zone("America/Los_Angeles"));

        Assert.Equal(23, instants.Count);
        Assert.Equal(Utc(2026, 3, 8, 8), instants[0]);
        Assert.Equal(Utc(2026, 3, 9, 6), instants[^1]);
    }

    [Fact]
    public void Of_GivesOrdinaryDay_TwentyFourHours_InLosAngeles()
    {
        Assert.Equal(24, HourlyInstantsOn(new DateOnly(2026, 3, 7), Zone("America/Los_Angeles")).Count);
        Assert.Equal(24, HourlyInstantsOn(new DateOnly(2026, 3, 9), Zone("America/Los_Angeles")).Count);
    }

    [Theory]
    // Europe/London, spring forward 2026-03-29 01:00 GMT -> 02:00 BST (01:00 UTC).
    [InlineData("2026-03-28T23:59:59Z", "2026-03-28")] // 23:59:59 GMT on the 28th
    [InlineData("2026-03-29T00:00:00Z", "2026-03-29")] // 00:00 GMT
    [InlineData("2026-03-29T00:59:59Z", "2026-03-29")] // 00:59:59 GMT, just before the switch
    [InlineData("2026-03-29T01:00:00Z", "2026-03-29")] // 02:00 BST, just after the switch
    [InlineData("2026-03-29T22:59:59Z", "2026-03-29")] // 23:59:59 BST
    [InlineData("2026-03-29T23:00:00Z", "2026-03-30")] // 00:00 BST on the 30th
    [InlineData("2026-03-29T23:30:00+01:00", "2026-03-29")] // 23:30 local, 22:30 UTC
    public void Of_MapsInstantsAroundDstSwitch_ToRightDay_InLondon(string instant, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture),
            LocalDay.Of(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture), Zone("Europe/London")));
    }

    [Fact]
    public void Of_GivesSpringForwardDay_TwentyThreeHours_InLondon()
    {
        var instants = HourlyInstantsOn(new DateOnly(2026, 3, 29), Zone("Europe/London"));

        Assert.Equal(23, instants.Count);
        Assert.Equal(Utc(2026, 3, 29, 0), instants[0]);
        Assert.Equal(Utc(2026, 3, 29, 22), instants[^1]);
    }

    // ---- TryFindZone ---------------------------------------------------------------------------

    [Theory]
    [InlineData("Europe/London")]
    [InlineData("America/Los_Angeles")]
    [InlineData("Pacific/Auckland")]
    [InlineData("Asia/Kolkata")]
    [InlineData("UTC")]
    public void TryFindZone_FindsIanaZone(string id)
    {
        Assert.True(LocalDay.TryFindZone(id, out var zone));
        Assert.NotNull(zone);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Europe/Londn")]
    [InlineData("../../../etc/passwd")]
    [InlineData("/etc/passwd")]
    public void TryFindZone_ReturnsFalseAndUtc_ForUnknownOrEmptyId(string? id)
    {
        Assert.False(LocalDay.TryFindZone(id, out var zone));
        Assert.Equal(TimeZoneInfo.Utc, zone);
    }

    [Theory]
    [InlineData("America")]
    [InlineData("Europe")]
    [InlineData("Europe/")]
    public void TryFindZone_ReturnsFalseAndUtc_ForZoneAreaThatIsNotAZone(string id)
    {
        // A Try method must not throw on user input: a profile time zone of "America" is simply not found.
        Assert.False(LocalDay.TryFindZone(id, out var zone));
        Assert.Equal(TimeZoneInfo.Utc, zone);
    }
    [Theory]
    [InlineData("Europe/London")]
    [InlineData("America/Argentina/Buenos_Aires")]
    [InlineData("Etc/GMT+5")]
    [InlineData("UTC")]
    [InlineData("Asia/Kolkata")]
    public void TryFindZone_FindsIanaZones_ByTheirExactName(string id)
    {
        Assert.True(LocalDay.TryFindZone(id, out var zone));
        Assert.Equal(id, zone.Id);
    }

    [Theory]
    [InlineData("Factory")]
    [InlineData("localtime")]
    [InlineData("posixrules")]
    [InlineData("right/UTC")]
    [InlineData("posix/Europe/London")]
    [InlineData("Europe//London")]
    [InlineData("europe/london")]
    [InlineData("/Europe/London")]
    [InlineData("Europe/../Europe/London")]
    [InlineData("America")]
    [InlineData("zone.tab")]
    [InlineData("")]
    [InlineData(" Europe/London")]
    [InlineData("Mars/Olympus_Mons")]
    public void TryFindZone_RefusesNamesThatAreNotPlaces(string id)
    {
        Assert.False(LocalDay.TryFindZone(id, out var zone));
        Assert.Equal(TimeZoneInfo.Utc, zone);
    }
}

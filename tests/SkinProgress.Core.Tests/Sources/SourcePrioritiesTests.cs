using SkinProgress.Sources;

namespace SkinProgress.Core.Tests.Sources;

public sealed class SourcePrioritiesTests
{
    [Fact]
    public void AUsersPartialList_RanksItsNamesFirst_ThenTheDefaultsRemainingOrder()
    {
        var priorities = SourcePriorities.Default with { Weight = ["manual", "apple_health"] };

        Assert.Equal(["manual", "apple_health", "withings", "garmin", "fitbit", "polar", "suunto", "google_fit", "strava", "other"],
            priorities.Effective(PriorityKind.Weight));
        Assert.Equal(SourcePriorities.Default.Workout, priorities.Effective(PriorityKind.Workout));
    }

    [Fact]
    public void UnknownNames_RankAfterEveryKnownSource_ByName()
    {
        var order = SourcePriorities.Default.Comparer(PriorityKind.Workout);

        Assert.Equal(["polar", "strava", "other", "acme", "zeta"], new[] { "zeta", "other", "acme", "strava", "polar" }.Order(order));
    }

    [Fact]
    public void EveryDefaultOrder_RanksEveryDeviceSourceOnce()
    {
        foreach (var kind in Enum.GetValues<PriorityKind>())
        {
            Assert.Equal(DeviceSources.All.Order(StringComparer.Ordinal), SourcePriorities.Default.For(kind).Order(StringComparer.Ordinal));
        }
    }
}

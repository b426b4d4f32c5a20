using SkinProgress.Events;
using SkinProgress.Rules;

namespace SkinProgress.Core.Tests.Rules;

public sealed class AerobicMinutesTests
{
    [Theory]
    [InlineData(Activities.Running, null, 60)]
    [InlineData(Activities.Running, Intensities.Moderate, 30)]
    [InlineData(Activities.Walking, null, 30)]
    [InlineData(Activities.Cycling, null, 30)]
    [InlineData(Activities.Cycling, Intensities.Vigorous, 60)]
    [InlineData(Activities.Swimming, null, 30)]
    [InlineData(Activities.Rowing, null, 30)]
    [InlineData(Activities.Elliptical, null, 30)]
    [InlineData(Activities.Hiit, null, 60)]
    [InlineData(Activities.Yoga, null, 0)]
    [InlineData(Activities.Walking, Intensities.Light, 0)]
    [InlineData(Activities.StrengthTraining, Intensities.Vigorous, 0)]
    public void ModerateEquivalent_CountsVigorousTwice_AndDefaultsByActivity(string activity, string? intensity, double expected) =>
        Assert.Equal(expected, AerobicMinutes.ModerateEquivalent(activity, intensity, 30));
}

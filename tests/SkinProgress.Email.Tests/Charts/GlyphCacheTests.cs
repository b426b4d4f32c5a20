using SkinProgress.Email.Charts;

namespace SkinProgress.Email.Tests.Charts;

public sealed class GlyphCacheTests
{
    [Fact]
    public void Get_RasterisesEachSizeAndCharacterOnce()
    {
        Assert.Same(GlyphCache.Get(34, 'W'), GlyphCache.Get(34, 'W'));
        Assert.NotSame(GlyphCache.Get(34, 'W'), GlyphCache.Get(36, 'W'));
    }

    [Fact]
    public void Get_GivesALetterSolidCoverage_AboveTheBaseline_ScaledWithTheSize()
    {
        var small = GlyphCache.Get(17, 'H');
        var large = GlyphCache.Get(34, 'H');

        Assert.True(small.Top < 0 && small.Top + small.Height <= 2, $"{small.Top} + {small.Height}");
        Assert.Contains((byte)255, large.Coverage);
        Assert.Contains((byte)0, large.Coverage);
        Assert.InRange(large.Height, (2 * small.Height) - 3, (2 * small.Height) + 1);
        Assert.InRange(large.Advance, 2 * small.Advance * 0.95, 2 * small.Advance * 1.05);
    }

    [Fact]
    public void Get_GivesASpaceAnAdvance_AndNothingToDraw()
    {
        var space = GlyphCache.Get(34, ' ');

        Assert.True(space.Advance > 0);
        Assert.Empty(space.Coverage);
    }
}

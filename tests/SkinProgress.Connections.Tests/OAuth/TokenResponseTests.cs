using SkinProgress.Connections.OAuth;
using SkinProgress.Connections.Polar;
using SkinProgress.Connections.Strava;
using SkinProgress.Connections.Withings;

namespace SkinProgress.Connections.Tests.OAuth;

public class TokenResponseTests
{
    [Fact]
    public void LegacyStravaToken_WithoutRefreshOrExpiry_NeverExpires_AndNamesItsAthlete()
    {
        using var document = TestFiles.Json("strava/oauth-token-exchange-legacy-docs.json");

        var tokens = TokenResponse.Read(document.RootElement, TestFiles.Now);

        Assert.NotNull(tokens);
        Assert.Null(tokens.RefreshToken);
        Assert.Null(tokens.ExpiresAt);
        Assert.Equal("227615", StravaProvider.OwnerId(document.RootElement));
    }

    [Fact]
    public void WithingsToken_ExpiresInSecondsFromNow_AndNamesItsUser()
    {
        using var document = TestFiles.Json("withings/requesttoken.docs.json");
        var body = document.RootElement.GetProperty("body");

        var tokens = TokenResponse.Read(body, TestFiles.Now);

        Assert.Equal(TestFiles.Now.AddSeconds(10800), tokens!.ExpiresAt);
        Assert.Equal("f631236f02b991810feb774765b6ae8e6c6839ca", tokens.RefreshToken);
        Assert.Equal("363", WithingsProvider.OwnerId(body));
    }

    [Fact]
    public void PolarToken_NamesItsUserByNumber()
    {
        using var document = TestFiles.Json("polar/token.docs.json");

        Assert.Equal("475", PolarProvider.OwnerId(document.RootElement));
        Assert.Null(TokenResponse.Read(document.RootElement, TestFiles.Now)!.RefreshToken);
    }

    [Fact]
    public void AnswerWithoutAccessToken_IsNoTokens()
    {
        using var document = TestFiles.Json("withings/error-status-342.http");

        Assert.Null(TokenResponse.Read(document.RootElement, TestFiles.Now));
    }
}

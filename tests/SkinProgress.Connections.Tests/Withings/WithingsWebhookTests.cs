using System.Text;
using SkinProgress.Connections.Withings;

namespace SkinProgress.Connections.Tests.Withings;

public class WithingsWebhookTests
{
    private static Task<WebhookReading> Read(Microsoft.AspNetCore.Http.HttpRequest request) =>
        WithingsWebhook.ReadAsync(request, CancellationToken.None);

    private static Microsoft.AspNetCore.Http.HttpRequest Form(string body) =>
        WebhookRequests.Post(Encoding.UTF8.GetBytes(body), "application/x-www-form-urlencoded");

    [Fact]
    public async Task WeightNotification_IsTheRangeToFetch_WithItsCategory()
    {
        var reading = await Read(WebhookRequests.Post(TestFiles.Bytes("withings/notify-weight.docs.form"), "application/x-www-form-urlencoded"));

        Assert.Equal(200, reading.StatusCode);
        Assert.Equal(
            new ProviderNotification("withings", "363", NotificationKind.RangeChanged, "1", DateTimeOffset.FromUnixTimeSeconds(1530576000), DateTimeOffset.FromUnixTimeSeconds(1530662400)),
            Assert.Single(reading.Notifications));
    }

    [Fact]
    public async Task CallbackValidation_ByHead_IsAnsweredOk()
    {
        var reading = await Read(WebhookRequests.Make("HEAD", "", [], null));

        Assert.Equal(200, reading.StatusCode);
        Assert.Empty(reading.Notifications);
    }

    [Fact]
    public async Task UnsubscribedCategory_IsAcceptedAndChangesNothing()
    {
        var reading = await Read(Form("userid=363&appli=44&startdate=1530576000&enddate=1530662400"));

        Assert.Equal(200, reading.StatusCode);
        Assert.Empty(reading.Notifications);
    }

    [Theory]
    [InlineData("userid=363&appli=1&startdate=1530576000")]
    [InlineData("userid=abc&appli=1&startdate=1530576000&enddate=1530662400")]
    [InlineData("userid=363&userid=364&appli=1&startdate=1530576000&enddate=1530662400")]
    [InlineData("userid=363&appli=1&startdate=1530662400&enddate=1530576000")]
    [InlineData("userid=363&appli=one&startdate=1530576000&enddate=1530662400")]
    [InlineData("userid=363&appli=1&startdate=99999999999999999999&enddate=1530662400")]
    [InlineData("%%%")]
    public async Task MalformedNotification_IsABadRequest(string body) =>
        Assert.Equal(400, (await Read(Form(body))).StatusCode);

    [Fact]
    public async Task NotificationThatIsNotUtf8_IsABadRequest() =>
        Assert.Equal(400, (await Read(WebhookRequests.Post([0x75, 0x3D, 0xFF, 0xFE], "application/x-www-form-urlencoded"))).StatusCode);
}

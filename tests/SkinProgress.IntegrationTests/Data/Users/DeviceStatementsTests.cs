using Microsoft.EntityFrameworkCore;
using SkinProgress.Data.Users;

namespace SkinProgress.IntegrationTests.Data.Users;

[Collection(RealServices.Name)]
public sealed class DeviceStatementsTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task RecordActivity_OnlyMovesTheLastEventAndImportForward()
    {
        var user = await fixture.CreateUserAsync();
        var at = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

        await Record(new DeviceActivity(user.DeviceId, at, null));
        await Record(new DeviceActivity(user.DeviceId, at.AddHours(-1), at.AddHours(-1)));

        var device = await fixture.WithDbAsync(db => db.Devices.AsNoTracking().SingleAsync(d => d.Id == user.DeviceId));
        Assert.Equal(((DateTimeOffset?)at, (DateTimeOffset?)at.AddHours(-1)), (device.LastEventAt, device.LastImportAt));
    }

    private Task<int> Record(DeviceActivity activity) =>
        fixture.InTransactionAsync(async c => { await DeviceStatements.RecordActivityAsync(c, [activity], default); return 0; });
}

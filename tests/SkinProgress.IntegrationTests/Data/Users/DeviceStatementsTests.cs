using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task InsertSelected_StoresTheDevicesTheQuerySelects_ByColumnName()
    {
        var user = await fixture.CreateUserAsync();
        var id = Guid.NewGuid();

        // Columns in another order than Columns: they are matched by name.
        await fixture.InTransactionAsync(async c =>
        {
            await DeviceStatements.InsertSelectedAsync(c, $"""
                select 'bench' as source, '{id}'::uuid as id, '{user.Id}'::uuid as user_id, 'Bench phone' as name,
                       timestamptz '2026-01-05T10:00:00Z' as created_at, null::timestamptz as last_event_at, null::timestamptz as last_import_at
                """, default);
            return 0;
        });

        var device = await fixture.WithDbAsync(db => db.Devices.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal((user.Id, "Bench phone", "bench", new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero), (DateTimeOffset?)null),
            (device.UserId, device.Name, device.Source, device.CreatedAt, device.LastEventAt));
    }

    [Fact]
    public void Columns_AreEveryColumnOfTheEfModel()
    {
        using var scope = fixture.Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SkinProgress.Data.SkinProgressDbContext>();
        var model = db.Model.FindEntityType(typeof(Device))!.GetProperties().Select(p => p.GetColumnName());
        Assert.Equal(model.Order(StringComparer.Ordinal), DeviceStatements.Columns.Order(StringComparer.Ordinal));
    }

    private Task<int> Record(DeviceActivity activity) =>
        fixture.InTransactionAsync(async c => { await DeviceStatements.RecordActivityAsync(c, [activity], default); return 0; });
}

using System.Net.Http.Json;
using System.Text.Json;
using SkinProgress.IntegrationTests.Imports;

namespace SkinProgress.IntegrationTests.Admin;

[Collection(RealServices.Name)]
public sealed class SyncStatusTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task Sync_ShowsLastEvent_RecentCount_AndLastImport_PerDevice()
    {
        var user = await fixture.CreateUserAsync();
        using var admin = fixture.Admin();
        var before = await admin.GetFromJsonAsync<JsonElement>($"/v1/admin/users/{user.Id}/sync");
        var fresh = Assert.Single(before.GetProperty("devices").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, fresh.GetProperty("lastEventAt").ValueKind);
        Assert.False(fresh.GetProperty("stale").GetBoolean());

        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);
        await device.PostEventsAsync(Pipeline.Water("w1", "2026-03-02T10:00:00Z", 100), Pipeline.Water("w2", "2026-03-02T11:00:00Z", 100));
        await me.DayWithEventsAsync("2026-03-02", 2);
        var synced = Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"/v1/admin/users/{user.Id}/sync")).GetProperty("devices").EnumerateArray());
        Assert.NotEqual(JsonValueKind.Null, synced.GetProperty("lastEventAt").ValueKind);
        Assert.Equal(2, synced.GetProperty("eventsLast7Days").GetInt32());
        Assert.Equal(JsonValueKind.Null, synced.GetProperty("lastImportAt").ValueKind);

        using var import = await device.ImportAsync(ImportFiles.Bytes("gpx/run.gpx"));
        import.EnsureSuccessStatusCode();
        var imported = await SkinProgressFixture.EventuallyAsync(
            async () => Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"/v1/admin/users/{user.Id}/sync")).GetProperty("devices").EnumerateArray()),
            d => d.GetProperty("lastImportAt").ValueKind != JsonValueKind.Null);
        Assert.NotEqual(JsonValueKind.Null, imported.GetProperty("lastImportAt").ValueKind);
    }
}

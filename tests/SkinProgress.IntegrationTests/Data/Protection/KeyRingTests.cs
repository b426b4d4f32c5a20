using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace SkinProgress.IntegrationTests.Data.Protection;

[Collection(RealServices.Name)]
public sealed class KeyRingTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task ValueProtectedByTheApi_IsUnprotectedByTheWorker_WithKeysKeptInPostgres()
    {
        const string purpose = "SkinProgress.IntegrationTests.KeyRing";
        var secret = $"token-{Guid.NewGuid():N}";

        var protectedByApi = fixture.Api.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect(secret);
        var readByWorker = fixture.WorkerServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(protectedByApi);

        Assert.Equal(secret, readByWorker);
        var keys = await fixture.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("<key ", xml, StringComparison.Ordinal));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkinProgress.Api.Auth;
using SkinProgress.Data.Users;

namespace SkinProgress.IntegrationTests.Auth;

[Collection(RealServices.Name)]
public sealed class KeyValidatorTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task ARememberedKey_TakesNoDatabaseContext_AndAMissTakesOneForItsLookup()
    {
        var user = await fixture.CreateUserAsync();
        var scopes = new CountingScopes(fixture.Api.Services.GetRequiredService<IServiceScopeFactory>());
        using var cache = new KeyCache();
        var validator = new KeyValidator(scopes, cache, fixture.Api.Services.GetRequiredService<IOptions<AdminOptions>>());

        var looked = await validator.ValidateAsync(user.DeviceKey, default);
        var remembered = await validator.ValidateAsync(user.DeviceKey, default);

        Assert.Equal(new Credential(user.DeviceKeyId, KeyKind.Device, user.Id, user.DeviceId, "garmin"), looked);
        Assert.Equal(looked, remembered);
        Assert.Equal(1, scopes.Created);
    }

    [Fact]
    public async Task AnUnknownKey_IsLookedUpEachTime_AndRefused()
    {
        var scopes = new CountingScopes(fixture.Api.Services.GetRequiredService<IServiceScopeFactory>());
        using var cache = new KeyCache();
        var validator = new KeyValidator(scopes, cache, fixture.Api.Services.GetRequiredService<IOptions<AdminOptions>>());
        var unknown = ApiKeys.Generate(KeyKind.Device);

        Assert.Null(await validator.ValidateAsync(unknown, default));
        Assert.Null(await validator.ValidateAsync(unknown, default));
        Assert.Equal(2, scopes.Created);
    }

    private sealed class CountingScopes(IServiceScopeFactory inner) : IServiceScopeFactory
    {
        public int Created { get; private set; }

        public IServiceScope CreateScope()
        {
            Created++;
            return inner.CreateScope();
        }
    }
}

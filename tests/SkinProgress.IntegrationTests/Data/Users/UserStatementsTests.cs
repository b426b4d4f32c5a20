using Microsoft.EntityFrameworkCore;
using Npgsql;
using SkinProgress.Data.Events;
using SkinProgress.Data.Users;

namespace SkinProgress.IntegrationTests.Data.Users;

[Collection(RealServices.Name)]
public sealed class UserStatementsTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task Lock_AnswersTheZoneOfEachUserThatExists_AndNothingForOneThatDoesNot()
    {
        var london = await fixture.CreateUserAsync("Europe/London");
        var tokyo = await fixture.CreateUserAsync("Asia/Tokyo");

        var zones = await fixture.InTransactionAsync(c => UserStatements.LockAsync(c, [tokyo.Id, london.Id, Guid.NewGuid(), london.Id], default));

        Assert.Equal(2, zones.Count);
        Assert.Equal("Europe/London", zones[london.Id].Zone.Id);
        Assert.Equal("Asia/Tokyo", zones[tokyo.Id].Zone.Id);
    }

    [Fact]
    public async Task Lock_HoldsAnotherTransactionOfTheSameUserUntilCommit()
    {
        var user = await fixture.CreateUserAsync();
        await using var first = await fixture.DataSource.OpenConnectionAsync();
        await using var holding = await first.BeginTransactionAsync();
        await UserStatements.LockAsync(first, [user.Id], default);

        var second = fixture.InTransactionAsync(c => UserStatements.LockAsync(c, [user.Id], default));
        await Task.Delay(500);
        Assert.False(second.IsCompleted, "the second transaction took the lock the first holds");

        await holding.CommitAsync();
        Assert.Single(await second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Erase_RemovesTheUserAndTheirEvents_AndWaitsForTheirLock()
    {
        var user = await fixture.CreateUserAsync();
        var other = await fixture.CreateUserAsync();
        var at = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        foreach (var owner in new[] { user, other })
        {
            await fixture.InTransactionAsync(c => EventStatements.StoreAsync(c,
                [RawEvent.From(owner.Id, owner.DeviceId, "garmin", new DateOnly(2026, 3, 2), at, new("w", "hydration", at, Hydration: new(100)))], default));
        }

        await using var scoring = await fixture.DataSource.OpenConnectionAsync();
        await using var holding = await scoring.BeginTransactionAsync();
        await UserStatements.LockAsync(scoring, [user.Id], default);
        var erasing = fixture.InTransactionAsync(c => UserStatements.EraseAsync(c, user.Id, default));
        await Task.Delay(500);
        Assert.False(erasing.IsCompleted, "erasure did not wait for the user's lock");
        await holding.CommitAsync();

        Assert.True(await erasing.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(await fixture.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == user.Id)));
        Assert.False(await fixture.WithDbAsync(db => db.RawEvents.AnyAsync(e => e.UserId == user.Id)));
        Assert.True(await fixture.WithDbAsync(db => db.RawEvents.AnyAsync(e => e.UserId == other.Id)));
        Assert.False(await fixture.InTransactionAsync(c => UserStatements.EraseAsync(c, user.Id, default)));
    }
}

using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.Data.Summaries;
using SkinProgress.ServiceDefaults.Jobs;
using SkinProgress.Worker.Summaries;
using SmtpServer.Protocol;

namespace SkinProgress.IntegrationTests.Summaries;

/// <summary>
/// One send job, one chunk of several users, through Hangfire and the test SMTP server: a recipient that cannot
/// be mailed is that summary's problem only, while an SMTP outage is the whole chunk's and is retried.
/// </summary>
[Collection(RealServices.Name)]
public sealed class SendIsolationTests(SkinProgressFixture fixture)
{
    private static readonly DateOnly Week = SummaryScenario.Week;

    [Fact]
    public async Task UnusableAndRefusedAddresses_AreMarkedFailed_TheRestOfTheChunkIsSentOnce_AndTheJobSucceeds()
    {
        // The problem users are created first, so they tend to come first in the chunk, ahead of the good ones.
        var unusable = await UserWithFourWeeksAsync();
        var refused = await UserWithFourWeeksAsync();
        var displayName = await UserWithFourWeeksAsync();
        var good = new[] { await UserWithFourWeeksAsync(), await UserWithFourWeeksAsync() };

        // Stored before the Api checked addresses as the send job does; it now refuses both forms.
        var list = $"{unusable.Email}, other-{unusable.Email}";
        await SetStoredEmailAsync(unusable, list);
        await SetStoredEmailAsync(displayName, $"Sam <{displayName.Email}>");
        fixture.Smtp.Refuse(refused.Email);
        try
        {
            fixture.CompileAsOneChunk(Week, [unusable, refused, displayName, .. good]);
            var job = await fixture.SendJobAsync(good[0]);
            Assert.Equal("Succeeded", await job.WaitUntilAsync("Succeeded"));
            Assert.Equal(0, job.Retries);
        }
        finally
        {
            fixture.Smtp.Accept(refused.Email);
        }

        foreach (var user in good.Append(displayName))
        {
            Assert.Single(fixture.Smtp.To(user.Email));
            Assert.NotNull((await RowAsync(user)).SentAt);
        }

        Assert.Empty(fixture.Smtp.To(unusable.Email));
        Assert.Empty(fixture.Smtp.To(refused.Email));

        var unusableRow = await RowAsync(unusable);
        Assert.Null(unusableRow.SentAt);
        Assert.NotNull(unusableRow.SendFailedAt);
        Assert.Equal("Unusable address: One address only; this holds 2.", unusableRow.SendFailure);

        var refusedRow = await RowAsync(refused);
        Assert.Null(refusedRow.SentAt);
        Assert.NotNull(refusedRow.SendFailedAt);
        Assert.StartsWith("Refused by the SMTP server: 550 ", refusedRow.SendFailure, StringComparison.Ordinal);
        Assert.Contains(refused.Email, refusedRow.SendFailure, StringComparison.Ordinal);

        using var admin = fixture.Admin();
        var failures = await admin.GetFromJsonAsync<List<FailureDto>>($"/v1/admin/summaries/failures?weekStart={Week:yyyy-MM-dd}");
        Assert.Contains(new FailureDto(unusable.Id, list, Week, unusableRow.SendFailure!), failures!);
        Assert.Contains(new FailureDto(refused.Id, refused.Email, Week, refusedRow.SendFailure!), failures!);
        Assert.DoesNotContain(failures!, f => good.Any(g => g.Id == f.UserId) || f.UserId == displayName.Id);
    }

    [Fact]
    public async Task FailedSummary_IsNotSentByALaterRunOfTheSameChunk()
    {
        var unusable = await UserWithFourWeeksAsync();
        await SetStoredEmailAsync(unusable, $"group: {unusable.Email};");
        fixture.CompileAsOneChunk(Week, unusable);
        Assert.Equal("Succeeded", await (await fixture.SendJobAsync(unusable)).WaitUntilAsync("Succeeded"));
        var failedAt = (await RowAsync(unusable)).SendFailedAt;
        Assert.NotNull(failedAt);

        // Repaired meanwhile, but this week's email was given up: the next week's goes to the repaired address.
        await SetStoredEmailAsync(unusable, unusable.Email);
        await using (var scope = fixture.WorkerServices.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISendSummaries>().RunAsync(Week, [unusable.Id], CancellationToken.None);
        }

        Assert.Empty(fixture.Smtp.To(unusable.Email));
        Assert.Equal(failedAt, (await RowAsync(unusable)).SendFailedAt);
    }

    [Fact]
    public async Task TemporaryRefusalOfOneRecipient_SendsTheRestOfTheChunk_ThenRetriesOnlyThatOne()
    {
        var busy = await UserWithFourWeeksAsync();
        var good = new[] { await UserWithFourWeeksAsync(), await UserWithFourWeeksAsync() };
        fixture.Smtp.Refuse(busy.Email, SmtpReplyCode.Unavailable);
        SendJob job;
        try
        {
            fixture.CompileAsOneChunk(Week, [busy, .. good]);
            job = await fixture.SendJobAsync(busy);
            Assert.True(await job.WaitForRetryAsync() > 0, "the job was not retried");

            Assert.All(good, user => Assert.Single(fixture.Smtp.To(user.Email)));
            Assert.Empty(fixture.Smtp.To(busy.Email));
            var busyRow = await RowAsync(busy);
            Assert.Null(busyRow.SentAt);
            Assert.Null(busyRow.SendFailedAt);
        }
        finally
        {
            fixture.Smtp.Accept(busy.Email);
        }

        Assert.Equal("Succeeded", await job.WaitUntilAsync("Succeeded"));
        foreach (var user in good.Append(busy))
        {
            Assert.Single(fixture.Smtp.To(user.Email));
            Assert.Null((await RowAsync(user)).SendFailedAt);
        }
    }

    [Fact]
    public async Task SmtpOutageMidChunk_FailsTheJobForARetry_MarksNothingFailed_AndSendsEachEmailOnce()
    {
        var users = new[] { await UserWithFourWeeksAsync(), await UserWithFourWeeksAsync(), await UserWithFourWeeksAsync() };
        fixture.Smtp.FailAfter(1);
        SendJob job;
        try
        {
            fixture.CompileAsOneChunk(Week, users);
            job = await fixture.SendJobAsync(users[0]);
            Assert.True(await job.WaitForRetryAsync() > 0, "the job was not retried");

            // One email went out before the server went away; the other two wait for it, not failed.
            Assert.Equal(1, users.Sum(u => fixture.Smtp.To(u.Email).Count));
            var rows = await Task.WhenAll(users.Select(RowAsync));
            Assert.Single(rows, r => r.SentAt is not null);
            Assert.All(rows, r => Assert.Null(r.SendFailedAt));
        }
        finally
        {
            fixture.Smtp.EndOutage();
        }

        Assert.Equal("Succeeded", await job.WaitUntilAsync("Succeeded"));
        foreach (var user in users)
        {
            Assert.Single(fixture.Smtp.To(user.Email));
            var row = await RowAsync(user);
            Assert.NotNull(row.SentAt);
            Assert.Null(row.SendFailedAt);
        }
    }

    [Fact]
    public async Task SmtpOutageInALaterBatch_MarksEveryMailThatWentOut_AndTheRetrySendsOnlyTheRest()
    {
        var users = new TestUser[SendSummariesJob.SendBatch + 5];
        for (var i = 0; i < users.Length; i++)
        {
            users[i] = await fixture.CreateUserAsync();
        }

        await using (var scope = fixture.Api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WeeklySummaryStatements>().StoreCompiledAsync(
                [.. users.Select(u => new CompiledSummary(u.Id, Week, "{}", "<p>week</p>", "week", [0x89, 0x50, 0x4E, 0x47], EmailDue: true))],
                DateTimeOffset.UtcNow, CancellationToken.None);
        }

        // The first batch is committed whole; the outage falls two mails into the second.
        var wentOut = SendSummariesJob.SendBatch + 2;
        fixture.Smtp.FailAfter(wentOut);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => SendDirectlyAsync(users));

            var received = users.Where(u => fixture.Smtp.To(u.Email).Count == 1).ToList();
            Assert.Equal(wentOut, received.Count);
            var rows = await Task.WhenAll(users.Select(RowAsync));
            Assert.Equal(received.Select(u => u.Id).Order(), rows.Where(r => r.SentAt is not null).Select(r => r.UserId).Order());
        }
        finally
        {
            fixture.Smtp.EndOutage();
        }

        await SendDirectlyAsync(users);

        Assert.All(users, user => Assert.Single(fixture.Smtp.To(user.Email)));
        Assert.All(await Task.WhenAll(users.Select(RowAsync)), row => Assert.NotNull(row.SentAt));
    }

    private async Task<TestUser> UserWithFourWeeksAsync()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.FeedFourWeeksAsync(user, Week);
        return user;
    }

    /// <summary>The chunk's send job run in this process, as Hangfire runs it, so its exception reaches the test.</summary>
    private async Task SendDirectlyAsync(TestUser[] users)
    {
        await using var scope = fixture.WorkerServices.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISendSummaries>().RunAsync(Week, [.. users.Select(u => u.Id)], CancellationToken.None);
    }

    private async Task SetStoredEmailAsync(TestUser user, string email) =>
        Assert.Equal(1, await fixture.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, email))));

    private async Task<WeeklySummaryRow> RowAsync(TestUser user)
    {
        var row = await SkinProgressFixture.EventuallyAsync(
            () => fixture.WithDbAsync(db => db.WeeklySummaries.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == user.Id && s.WeekStart == Week)),
            r => r is not null);
        return row ?? throw new InvalidOperationException($"no summary for {user.Email}");
    }

    private sealed record FailureDto(Guid UserId, string Email, DateOnly WeekStart, string Reason);
}

using MassTransit;
using SkinProgress.Contracts;

namespace SkinProgress.Worker.Summaries;

/// <summary>An admin's on-demand run goes through the same dispatch as the schedule, for one user or all.</summary>
public sealed class SummaryRunConsumer(DispatchSummariesJob dispatch, ILogger<SummaryRunConsumer> logger) : IConsumer<SummaryRunRequested>
{
    public async Task Consume(ConsumeContext<SummaryRunRequested> context)
    {
        var run = context.Message;
        var users = await dispatch.DispatchAsync(run.UserId, run.WeekStart, context.CancellationToken);
        logger.LogInformation("Summary run {RunId}: {Users} users queued", run.RunId, users);
    }
}

using System.Diagnostics;
using Hangfire.Client;
using Hangfire.Server;

namespace SkinProgress.ServiceDefaults.Jobs;

/// <summary>
/// Hangfire has no tracing of its own. The trace a job is created in (a request that triggers a run, a dispatch that
/// enqueues its chunks) is kept as a job parameter, and the job runs in a span under it, on the worker thread, so its
/// database commands and sends belong to that trace. A recurring job starts a trace of its own.
/// <para>
/// Hangfire's filters are process-wide: every host that configures the storage adds one more (the Api and the Worker
/// in one process, a restarted host), so each step does its work once per job whatever the count.
/// </para>
/// </summary>
public sealed class JobTracingFilter : IClientFilter, IServerFilter
{
    public const string SourceName = "SkinProgress.Jobs";

    private const string TraceParameter = "TraceParent";
    private const string ActivityItem = "SkinProgress.JobActivity";

    private static readonly ActivitySource Source = new(SourceName);

    public void OnCreating(CreatingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } current)
        {
            context.SetJobParameter(TraceParameter, current.Id);
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Source.HasListeners() || context.Items.ContainsKey(ActivityItem))
        {
            return;
        }

        ActivityContext.TryParse(context.GetJobParameter<string>(TraceParameter), null, out var parent);
        var job = context.BackgroundJob.Job;
        // Set on the thread that runs the job, and restored by Dispose in OnPerformed: the job's awaits flow it along.
        var activity = Source.StartActivity($"{job.Type.Name}.{job.Method.Name}", ActivityKind.Internal, parent);
        activity?.SetTag("hangfire.job.id", context.BackgroundJob.Id);
        context.Items[ActivityItem] = activity;
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.Remove(ActivityItem, out var item) && item is Activity activity)
        {
            if (context.Exception is { } e)
            {
                activity.SetStatus(ActivityStatusCode.Error, e.GetBaseException().Message);
            }

            activity.Dispose();
        }
    }
}

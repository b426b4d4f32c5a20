using System.ComponentModel.DataAnnotations;
using Hangfire;
using MassTransit;
using Microsoft.Extensions.Options;
using SkinProgress.Email;
using SkinProgress.ServiceDefaults;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.Worker.Summaries;

public sealed class SummaryScheduleOptions
{
    public const string Section = "Summaries";

    /// <summary>Off in tests that drive the dispatch themselves with a fake clock.</summary>
    public bool ScheduleDispatch { get; set; } = true;

    /// <summary>
    /// Workers of the default queue: compile jobs, and beside them the dispatch and the connections' backfills.
    /// Compiling is CPU work with short waits on PostgreSQL, so one job a core keeps the cores busy; every job more
    /// holds another chunk's histories, rendered emails and chart bitmap for no speed.
    /// </summary>
    [Range(1, 64)]
    public int CompileWorkers { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Send jobs run at once, in a queue of their own. A send mostly waits on SMTP and on its batch's commit, and one
    /// job a core kept pace with compiling in the benchmark.
    /// </summary>
    [Range(1, 64)]
    public int SendWorkers { get; set; } = Environment.ProcessorCount;
}

public static class SummariesExtensions
{
    public const string RunQueueName = BrokerQueues.SummaryRuns;

    public static IHostApplicationBuilder AddSummaries(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>().Bind(builder.Configuration.GetSection(SmtpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<EmailOptions>().Bind(builder.Configuration.GetSection(EmailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SummaryScheduleOptions>().Bind(builder.Configuration.GetSection(SummaryScheduleOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSummaryEmail();
        builder.Services.AddScoped<SummaryLoader>();
        // Hangfire stores jobs by their contracts and resolves them here; on-demand runs call the dispatch directly.
        builder.Services.AddScoped<DispatchSummariesJob>();
        builder.Services.AddScoped<IDispatchSummaries>(s => s.GetRequiredService<DispatchSummariesJob>());
        builder.Services.AddScoped<ICompileSummaries, CompileSummariesJob>();
        builder.Services.AddScoped<ISendSummaries, SendSummariesJob>();

        builder.AddJobStorage();
        builder.Services.AddHangfireServer((s, o) => o.WorkerCount = s.GetRequiredService<IOptions<SummaryScheduleOptions>>().Value.CompileWorkers);
        // Sending has workers of its own: in one queue every send job waited behind every compile job of a run,
        // so with 100,000 users the first email left after the last summary was compiled.
        builder.Services.AddHangfireServer((s, o) =>
        {
            o.Queues = [SummaryJobs.SendQueue];
            o.WorkerCount = s.GetRequiredService<IOptions<SummaryScheduleOptions>>().Value.SendWorkers;
        });
        builder.Services.AddHostedService<DispatchSchedule>();
        return builder;
    }

    public static void AddSummaryConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<SummaryRunConsumer>().Endpoint(e => e.Name = RunQueueName);

    /// <summary>
    /// Registers (or removes) the recurring dispatch when the Worker starts; every Worker may do it, Hangfire keeps one.
    /// Registering under the same id also replaces a dispatch stored before jobs were stored by their contracts.
    /// </summary>
    private sealed class DispatchSchedule(IRecurringJobManager recurring, IOptions<SummaryScheduleOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.ScheduleDispatch)
            {
                recurring.AddOrUpdate<IDispatchSummaries>(SummaryJobs.DispatchJobId, j => j.RunAsync(CancellationToken.None), SummaryJobs.DispatchCron);
            }
            else
            {
                recurring.RemoveIfExists(SummaryJobs.DispatchJobId);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

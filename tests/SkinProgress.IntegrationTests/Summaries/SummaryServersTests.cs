using Hangfire;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.IntegrationTests.Summaries;

/// <summary>
/// How many summary jobs the Worker runs at once, as its Hangfire servers announce themselves in the job storage:
/// each chunk being compiled or sent holds its users' data, so the counts bound the Worker's memory in a run.
/// </summary>
[Collection(RealServices.Name)]
public sealed class SummaryServersTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task CompilingAndSending_EachRunOneJobACore_ByDefault()
    {
        var servers = await ServersAsync();

        Assert.Equal(Environment.ProcessorCount, Assert.Single(servers, s => s.Queues.Contains("default")).WorkersCount);
        Assert.Equal(Environment.ProcessorCount, Assert.Single(servers, s => s.Queues.Contains(SummaryJobs.SendQueue)).WorkersCount);
    }

    [Fact]
    public async Task CompileAndSendWorkers_AreSettings()
    {
        await using (await fixture.WorkerWithAsync(new Dictionary<string, string?>
        {
            ["Summaries:CompileWorkers"] = "3",
            ["Summaries:SendWorkers"] = "1",
        }))
        {
            var servers = await ServersAsync();

            Assert.Equal(3, Assert.Single(servers, s => s.Queues.Contains("default")).WorkersCount);
            Assert.Equal(1, Assert.Single(servers, s => s.Queues.Contains(SummaryJobs.SendQueue)).WorkersCount);
        }
    }

    /// <summary>
    /// The running Worker's two servers, once both have announced themselves (they start in the background). The
    /// storage is shared: Worker processes other tests killed stay listed until their heartbeats time out, so only
    /// this process's servers (Hangfire names them machine:pid:id) are the Worker's; a Worker stopped in here removes
    /// its own.
    /// </summary>
    private async Task<IReadOnlyList<ServerDto>> ServersAsync()
    {
        var storage = fixture.WorkerServices.GetRequiredService<JobStorage>();
        var thisProcess = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await SkinProgressFixture.EventuallyAsync(
            () => Task.FromResult<IReadOnlyList<ServerDto>>(
                [.. storage.GetMonitoringApi().Servers().Where(s => s.Name.Split(':').Contains(thisProcess))]),
            s => s.Count == 2,
            TimeSpan.FromSeconds(30));
    }
}

using Hangfire.PostgreSql;
using Npgsql;

namespace SkinProgress.ServiceDefaults.Jobs;

/// <summary>Hangfire's connections, from the process's one pool (see AddSkinProgressData) instead of a pool of its own.</summary>
internal sealed class DataSourceConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
}

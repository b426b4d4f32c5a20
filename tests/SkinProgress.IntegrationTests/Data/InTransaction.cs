using Npgsql;

namespace SkinProgress.IntegrationTests.Data;

public static class InTransaction
{
    /// <summary>Runs statements of SkinProgress.Data in a committed transaction of their own, as their callers do.</summary>
    public static async Task<T> InTransactionAsync<T>(this SkinProgressFixture fixture, Func<NpgsqlConnection, Task<T>> statements)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(statements);
        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var result = await statements(connection);
        await transaction.CommitAsync();
        return result;
    }
}

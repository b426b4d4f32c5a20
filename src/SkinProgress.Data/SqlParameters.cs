using Npgsql;
using NpgsqlTypes;

namespace SkinProgress.Data;

/// <summary>Positional parameters of the hand-written statements, typed where the value alone does not say the type.</summary>
internal static class SqlParameters
{
    /// <summary>An array parameter; the element type is needed for dates, times, JSON and arrays holding nulls.</summary>
    public static NpgsqlParameter ArrayOf<T>(IEnumerable<T> values, NpgsqlDbType? element = null)
    {
        var parameter = new NpgsqlParameter { Value = values.ToArray() };
        if (element is { } type)
        {
            parameter.NpgsqlDbType = NpgsqlDbType.Array | type;
        }

        return parameter;
    }

    public static NpgsqlParameter Timestamp(DateTimeOffset at) =>
        new() { Value = at.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz };
}

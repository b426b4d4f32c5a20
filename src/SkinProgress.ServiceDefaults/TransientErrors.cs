using Npgsql;

namespace SkinProgress.ServiceDefaults;

public static class TransientErrors
{
    /// <summary>
    /// A database or network error that goes away by itself, however deeply it is wrapped: EF Core wraps a
    /// transient NpgsqlException in an InvalidOperationException ("likely due to a transient failure").
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}

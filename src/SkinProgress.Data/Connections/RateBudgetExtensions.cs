using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SkinProgress.Connections.Http;

namespace SkinProgress.Data.Connections;

public static class RateBudgetExtensions
{
    /// <summary>
    /// Provider calls count against the budget in PostgreSQL, shared by every process (instead of the in-memory one
    /// the providers fall back to); needs <see cref="DataExtensions.AddSkinProgressData"/>. Order-independent.
    /// </summary>
    public static IHostApplicationBuilder AddSharedRateBudget(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<IRateBudget>();
        builder.Services.AddSingleton<IRateBudget, PostgresRateBudget>();
        return builder;
    }
}

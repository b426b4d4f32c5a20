using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SkinProgress.Connections;

/// <summary>What every provider's <c>AddXxx()</c> shares: its options bound and checked on start, and its registration.</summary>
internal static class ProviderRegistration
{
    public static void AddProvider<TProvider, TOptions>(this IHostApplicationBuilder builder, string section)
        where TProvider : class, IConnectionProvider
        where TOptions : ProviderOptions
    {
        builder.Services.AddOptions<TOptions>().Bind(builder.Configuration.GetSection($"{ProviderOptions.Section}:{section}")).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new ProviderOptionsValidator<TOptions>(section));
        builder.Services.AddSingleton<TProvider>();
        builder.Services.AddSingleton<IConnectionProvider>(sp => sp.GetRequiredService<TProvider>());
    }

    private sealed class ProviderOptionsValidator<TOptions>(string section) : IValidateOptions<TOptions>
        where TOptions : ProviderOptions
    {
        public ValidateOptionsResult Validate(string? name, TOptions options) =>
            options.Problem() is { } problem
                ? ValidateOptionsResult.Fail($"{ProviderOptions.Section}:{section}: {problem}")
                : ValidateOptionsResult.Success;
    }
}

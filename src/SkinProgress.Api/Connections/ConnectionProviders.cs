using SkinProgress.Connections;

namespace SkinProgress.Api.Connections;

/// <summary>The registered providers that are configured: only those are offered, connected to, or sent webhooks for.</summary>
public sealed class ConnectionProviders(IEnumerable<IConnectionProvider> registered)
{
    public IReadOnlyList<IConnectionProvider> Configured { get; } = [.. registered.Where(p => p.IsConfigured).OrderBy(p => p.Name, StringComparer.Ordinal)];

    public IConnectionProvider? Find(string name) => Configured.FirstOrDefault(p => p.Name == name);

    /// <summary>The OAuth handler's scheme for a provider.</summary>
    public static string SchemeOf(string provider) => $"connection-{provider}";

    public static string CallbackPathOf(string provider) => $"{ConnectSession.Path}/{provider}/callback";
}

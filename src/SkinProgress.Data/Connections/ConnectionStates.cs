namespace SkinProgress.Data.Connections;

/// <summary>A connection's states, as stored and as the API names them.</summary>
public static class ConnectionStates
{
    /// <summary>Connected; the Worker is fetching the backfill window.</summary>
    public const string Backfilling = "backfilling";

    /// <summary>Connected and backfilled; changes arrive through webhooks.</summary>
    public const string Connected = "connected";

    /// <summary>The provider refused the grant: nothing is fetched until the person connects again.</summary>
    public const string ReauthorizationRequired = "reauthorization_required";

    /// <summary>Never stored: a configured provider the person has no live connection to.</summary>
    public const string NotConnected = "not_connected";

    public const int MaxLength = 32;
}

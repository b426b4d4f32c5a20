namespace SkinProgress.Connections;

public enum NotificationKind
{
    /// <summary>An object was created or changed: fetch it.</summary>
    ObjectChanged,

    /// <summary>An object was deleted at the provider: remove its events.</summary>
    ObjectDeleted,

    /// <summary>Data changed within a time range: fetch the range.</summary>
    RangeChanged,

    /// <summary>The person withdrew the grant at the provider.</summary>
    Deauthorized,
}

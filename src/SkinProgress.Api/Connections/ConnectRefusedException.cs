namespace SkinProgress.Api.Connections;

/// <summary>A completed authorisation that is not accepted; its message is shown to the person as it is.</summary>
public sealed class ConnectRefusedException(string message) : Exception(message);

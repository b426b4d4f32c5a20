using System.Security.Cryptography;
using System.Text;

namespace SkinProgress.Connections.Webhooks;

/// <summary>Comparisons of a presented secret with ours that take the same time whatever they share.</summary>
internal static class Secrets
{
    /// <summary>Both sides are hashed first, so not even the length of ours leaks through the timing.</summary>
    public static bool Equal(string? presented, string expected)
    {
        if (presented is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}

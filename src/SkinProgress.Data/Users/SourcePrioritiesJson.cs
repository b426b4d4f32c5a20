using System.Text.Json;
using SkinProgress.Sources;

namespace SkinProgress.Data.Users;

/// <summary>The stored form of a user's source priorities: only the lists they set; a type they left out is empty and ranks by default.</summary>
public static class SourcePrioritiesJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static SourcePriorities Read(string? stored) =>
        stored is null ? SourcePriorities.Default : JsonSerializer.Deserialize<SourcePriorities>(stored, Json) ?? SourcePriorities.Default;

    public static string Write(SourcePriorities priorities) => JsonSerializer.Serialize(priorities, Json);
}

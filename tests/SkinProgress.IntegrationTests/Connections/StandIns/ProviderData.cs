namespace SkinProgress.IntegrationTests.Connections.StandIns;

/// <summary>The recorded provider bodies the stand-ins serve (ProviderData/NOTICE.md says where each comes from).</summary>
public static class ProviderData
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "ProviderData", relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>The body of a raw recorded response (status line, headers, a blank line, the body).</summary>
    public static string HttpBody(string relative)
    {
        var text = Text(relative).ReplaceLineEndings("\n");
        return text[(text.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
    }
}

using System.Xml;

namespace SkinProgress.Formats;

/// <summary>
/// The one way the readers open XML: DTDs ignored and no resolver, so no external entity or entity expansion
/// is ever processed, whatever an upload declares.
/// </summary>
internal static class SecureXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
        MaxCharactersFromEntities = 1024,
    };

    public static XmlReader Open(Stream stream) => XmlReader.Create(stream, Settings);
}

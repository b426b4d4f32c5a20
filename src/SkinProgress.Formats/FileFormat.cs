namespace SkinProgress.Formats;

/// <summary>The file formats the readers understand.</summary>
public enum FileFormat
{
    Fit,
    Tcx,
    Gpx,
    AppleHealthXml,
    AppleHealthZip,
}

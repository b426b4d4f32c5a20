using SkinProgress.Formats;

namespace SkinProgress.Api.Imports;

/// <summary>The answer to an import: <see cref="Events"/> read from the file, of which <see cref="Accepted"/> were queued.</summary>
public sealed record ImportResponse(Guid ImportId, FileFormat Format, int Events, int Accepted, int Rejected, IReadOnlyList<ImportWarning> Warnings);

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SkinProgress.Core.Tests.Documentation;

/// <summary>
/// Every document the project points to is in the repository: a newcomer can follow each Markdown link and each
/// document a code comment names, and a reference to a file outside the repository fails the build.
/// </summary>
public sealed partial class DocumentReferenceTests
{
    private static readonly string Root = FindRoot();

    /// <summary>The Markdown pages a reader starts from; docs/ is taken whole.</summary>
    private static IEnumerable<string> LinkingPages() =>
    [
        Path.Combine(Root, "README.md"),
        .. Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md"),
        Path.Combine(Root, "bench", "README.md"),
        Path.Combine(Root, "deploy", "README.md"),
        Path.Combine(Root, "fuzz", "README.md"),
    ];

    [Fact]
    public void MarkdownLinks_ToRepositoryFiles_ResolveToAFileOrFolder_AndTheirSectionsExist()
    {
        var broken = new List<string>();
        foreach (var page in LinkingPages())
        {
            foreach (Match link in MarkdownLink().Matches(File.ReadAllText(page)))
            {
                if (Problem(page, link.Groups["target"].Value) is { } problem)
                {
                    broken.Add($"{Path.GetRelativePath(Root, page)}: ({link.Groups["target"].Value}) {problem}");
                }
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public void MarkdownFiles_NamedInSourceCode_ExistInTheRepository()
    {
        var markdownInRepository = RepositoryFiles(Root, "*.md").Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var source in RepositoryFiles(Path.Combine(Root, "src"), "*.cs").Concat(RepositoryFiles(Path.Combine(Root, "src"), "*.razor")))
        {
            foreach (Match named in MarkdownFileName().Matches(File.ReadAllText(source)))
            {
                var name = named.Value;
                var exists = name.Contains('/', StringComparison.Ordinal)
                    ? File.Exists(Path.Combine(Root, name))
                    : markdownInRepository.Contains(name);
                if (!exists)
                {
                    missing.Add($"{Path.GetRelativePath(Root, source)}: {name}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void TheChecks_SeeABrokenLink_AMissingSection_AndAFileOutsideTheRepository()
    {
        var readme = Path.Combine(Root, "README.md");

        Assert.Null(Problem(readme, "docs/rules.md#weekly-score-0100"));
        Assert.Null(Problem(readme, "https://example.org/RULES.md"));
        Assert.NotNull(Problem(readme, "docs/RULES.md"));
        Assert.NotNull(Problem(readme, "docs/rules.md#no-such-section"));
        Assert.NotNull(Problem(readme, "../design/RULES.md"));
        Assert.Equal(["RULES.md", "docs/rules.md"], MarkdownFileName().Matches("see RULES.md and docs/rules.md.").Select(m => m.Value));
    }

    /// <summary>Why a link target does not resolve, or null when it does. Links with a scheme are not ours to check.</summary>
    private static string? Problem(string page, string target)
    {
        if (UriScheme().IsMatch(target))
        {
            return null;
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var section = hash < 0 ? null : target[(hash + 1)..];
        var file = path.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, path));
        if (!file.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && file != Root)
        {
            return "points outside the repository";
        }

        if (!File.Exists(file) && !Directory.Exists(file))
        {
            return "does not exist";
        }

        if (section is { Length: > 0 } && file.EndsWith(".md", StringComparison.Ordinal) && !Sections(file).Contains(section))
        {
            return "has no such section";
        }

        return null;
    }

    /// <summary>The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> Sections(string markdownFile)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in File.ReadLines(markdownFile))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence && Heading().Match(line) is { Success: true } heading)
            {
                var anchor = new StringBuilder();
                foreach (var c in heading.Groups["text"].Value.Trim().ToLower(CultureInfo.InvariantCulture))
                {
                    if (char.IsLetterOrDigit(c) || c is '_' or '-')
                    {
                        anchor.Append(c);
                    }
                    else if (c == ' ')
                    {
                        anchor.Append('-');
                    }
                }

                // GitHub numbers repeated headings: the second "Foo" is foo-1.
                var unique = anchor.ToString();
                for (var n = 1; !anchors.Add(unique); n++)
                {
                    unique = $"{anchor}-{n}";
                }
            }
        }

        return anchors;
    }

    /// <summary>The repository's own files: build output is not part of it.</summary>
    private static IEnumerable<string> RepositoryFiles(string folder, string pattern) =>
        Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories).Where(f =>
        {
            var relative = Path.GetRelativePath(Root, f).Replace('\\', '/');
            return !relative.Split('/').Any(part => part is "bin" or "obj" or "node_modules" || part.StartsWith('.'));
        });

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SkinProgress.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("SkinProgress.sln not found above the test output.");
    }

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"[\w./-]*\w\.md\b")]
    private static partial Regex MarkdownFileName();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex UriScheme();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();
}

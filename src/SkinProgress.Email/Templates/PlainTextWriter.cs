using System.Text;

namespace SkinProgress.Email.Templates;

/// <summary>Writes readable plain text: underlined headings, wrapped paragraphs and bullets with hanging indents.</summary>
internal sealed class PlainTextWriter
{
    /// <summary>Lines are wrapped here; links and other unbreakable words may run longer.</summary>
    public const int LineWidth = 72;

    private readonly StringBuilder text = new();

    public void Title(string title) => Underlined(title, '=');

    public void Heading(string heading)
    {
        Underlined(heading, '-');
    }

    public void Paragraph(string paragraph)
    {
        Wrapped(paragraph, string.Empty, string.Empty);
        text.Append('\n');
    }

    /// <summary>A bullet; <paramref name="level"/> 1 nests it under the bullet before.</summary>
    public void Bullet(string item, int level = 0)
    {
        var indent = new string(' ', level * 2);
        Wrapped(item, indent + "- ", indent + "  ");
    }

    /// <summary>Ends a list of bullets.</summary>
    public void EndList() => text.Append('\n');

    public void Line(string line) => text.Append(line).Append('\n');

    public void Blank() => text.Append('\n');

    public override string ToString() => text.ToString().TrimEnd('\n') + "\n";

    private void Underlined(string heading, char rule)
    {
        text.Append(heading).Append('\n').Append(rule, heading.Length).Append("\n\n");
    }

    private void Wrapped(string value, string first, string rest)
    {
        var prefix = first;
        var line = new StringBuilder(prefix);
        var empty = true;
        foreach (var word in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && line.Length + 1 + word.Length > LineWidth)
            {
                text.Append(line).Append('\n');
                line.Clear().Append(rest);
                empty = true;
            }

            if (!empty)
            {
                line.Append(' ');
            }

            line.Append(word);
            empty = false;
        }

        text.Append(line).Append('\n');
    }
}

namespace SkinProgress.Email.Templates;

/// <summary>
/// Inline CSS for the email. Email clients drop &lt;style&gt; blocks and external sheets, so every element carries
/// its own; one column, at most 600px wide, system fonts, no external assets. The body text's font, size, line
/// height and colour are set once, on the container and the content cell, and inherited: each element states only
/// how it differs (a style attribute a paragraph or a table cell repeats costs its length in every email).
/// </summary>
internal static class EmailStyles
{
    // Unquoted: a family name of several words needs no quotes in CSS, and quotes would be escaped in the attribute.
    public const string Font = "font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;";

    public const string Body = "margin:0;padding:0;background-color:#f1f5f9;";

    public const string Outer = "width:100%;background-color:#f1f5f9;border-collapse:collapse;";

    public const string Container = "width:100%;max-width:600px;margin:0 auto;background-color:#fff;border-collapse:collapse;" + Font + "color:#1e293b;";

    public const string Cell = "padding:0 20px;font-size:15px;line-height:1.5;";

    public const string Header = "padding:20px 20px 12px;background-color:#0f766e;color:#fff;";

    public const string Brand = "margin:0;font-size:14px;letter-spacing:0.04em;text-transform:uppercase;color:#ccfbf1;";

    public const string Title = "margin:4px 0 0;font-size:22px;line-height:1.3;font-weight:700;";

    public const string H2 = "margin:24px 0 8px;font-size:18px;line-height:1.3;color:#0f172a;";

    public const string H3 = "margin:0 0 6px;font-size:16px;line-height:1.35;font-weight:700;color:#0f172a;";

    public const string P = "margin:0 0 10px;";

    public const string Small = "margin:0 0 6px;font-size:13px;line-height:1.45;color:#475569;";

    public const string List = "margin:0 0 8px;padding:0 0 0 18px;font-size:13px;line-height:1.45;color:#475569;";

    public const string Urgent = "margin:16px 0 0;padding:16px;background-color:#fef2f2;border:2px solid #dc2626;border-radius:8px;";

    public const string UrgentTitle = "margin:0 0 8px;font-size:19px;line-height:1.3;font-weight:700;color:#b91c1c;";

    public const string UrgentText = "margin:0 0 10px;font-size:16px;color:#7f1d1d;font-weight:600;";

    public const string UrgentBelow = "margin:16px 0 0;padding:10px 12px;font-size:14px;line-height:1.45;color:#475569;background-color:#f8fafc;border-left:4px solid #94a3b8;";

    public const string Reconnect = "margin:16px 0 0;padding:12px 14px;background-color:#eff6ff;border:1px solid #93c5fd;border-radius:8px;";

    public const string Card = "margin:0 0 12px;padding:14px 16px;background-color:#f8fafc;border:1px solid #e2e8f0;border-radius:8px;";

    public const string RecommendationCard = "margin:0 0 12px;padding:14px 16px;background-color:#fffbeb;border:1px solid #fcd34d;border-radius:8px;";

    public const string Why = "margin:10px 0 0;padding:10px 0 0;border-top:1px solid #e2e8f0;";

    public const string WhyTitle = "margin:0 0 4px;font-size:13px;font-weight:700;color:#334155;";

    public const string ScoreBox = "margin:16px 0 0;padding:16px;background-color:#f0fdfa;border:1px solid #99f6e4;border-radius:8px;text-align:center;";

    public const string ScoreLabel = "margin:0;font-size:14px;color:#115e59;";

    public const string ScoreNumber = "margin:4px 0;font-size:40px;line-height:1.1;font-weight:800;color:#0f766e;";

    public const string Chart = "display:block;width:100%;max-width:560px;height:auto;border:0;margin:16px 0 0;";

    public const string Table = "width:100%;border-collapse:collapse;font-size:14px;line-height:1.4;";

    public const string Th = "padding:6px 4px;text-align:left;font-size:12px;font-weight:600;color:#64748b;border-bottom:2px solid #e2e8f0;";

    public const string ThRight = "padding:6px 4px;text-align:right;white-space:nowrap;font-size:12px;font-weight:600;color:#64748b;border-bottom:2px solid #e2e8f0;";

    // Top-aligned by the row's valign, and right-aligned or centred by the cell's align (shorter than their CSS in
    // every row): a cell states only its padding and rule.
    public const string Td = "padding:8px 4px;border-bottom:1px solid #f1f5f9;";

    public const string Trend = Td + "font-size:18px;line-height:1.1;color:#334155;";

    public const string Disclaimer = "margin:24px 0 0;padding:12px;font-size:13px;line-height:1.45;color:#475569;background-color:#f8fafc;border-radius:6px;";

    public const string Footer = "padding:20px;font-size:13px;line-height:1.6;color:#64748b;text-align:center;";

    public const string Link = "color:#0f766e;text-decoration:underline;";

    public const string Button = "display:inline-block;padding:10px 18px;background-color:#0f766e;color:#fff;text-decoration:none;border-radius:6px;font-weight:600;font-size:15px;";
}

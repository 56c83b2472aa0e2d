using System.Text.Encodings.Web;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Performance;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetPortal.Domain.Documents;

/// <summary>
/// The file form of a disclosure (`budgetportal-disclosure/1`, docs/disclosure-format.md): the seed
/// transcriptions, the import result and the JSON API all use it.
/// </summary>
public sealed class DisclosureDocument
{
    public const string FormatName = "budgetportal-disclosure/1";

    public string Format { get; set; } = FormatName;
    public string? Source { get; set; }
    public DepartmentDoc Department { get; set; } = new();
    public int FiscalYear { get; set; }
    public bool HasCover { get; set; }
    /// <summary>部门概况: the domain's own plain class, serialised as it is.</summary>
    public Overview Overview { get; set; } = new();
    public Dictionary<string, TableDoc> Tables { get; set; } = [];
    public List<NoteDoc> Notes { get; set; } = [];
    public PerformanceDoc Performance { get; set; } = new();
    public SignOffDoc SignOff { get; set; } = new();

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        IndentSize = 2,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Chinese, '+', '<' and the rest as written, not \uXXXX: the files and the API's answers are JSON
        // documents read as such (application/json, nosniff), never pasted into HTML or a script.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters =
        {
            new JsonStringEnumConverter(JsonNamingPolicy.CamelCase),
            new RecordJson<NoteLine>(NoteLineField.Written, () => new NoteLine(), "情况说明行"),
            new RecordJson<Indicator>(IndicatorField.All, () => new Indicator(), "绩效指标"),
        },
    };

    public static DisclosureDocument Parse(string json)
    {
        DisclosureDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize<DisclosureDocument>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new DomainException($"公开文件不是有效的 JSON（第 {e.LineNumber + 1} 行）：{e.Message}");
        }
        if (doc is null || doc.Format != FormatName)
            throw new DomainException($"公开文件格式应为“{FormatName}”，实际为“{doc?.Format}”。");
        return doc;
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

public sealed class DepartmentDoc
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
}

public sealed class TableDoc
{
    public List<RowDoc> Rows { get; set; } = [];
    public string? EmptyText { get; set; }
}

public sealed class RowDoc
{
    public string? Kind { get; set; }
    public string? Key { get; set; }
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Project { get; set; }
    public Dictionary<string, decimal> Cells { get; set; } = [];
}

public sealed class NoteDoc
{
    public string Key { get; set; } = "";
    public string Heading { get; set; } = "";
    public List<string> Paragraphs { get; set; } = [];
    /// <summary>The domain's own lines, written field by field from <see cref="NoteLineField.Written"/> (<see cref="RecordJson{T}"/>).</summary>
    public List<NoteLine> Lines { get; set; } = [];
    public Dictionary<string, JsonElement> Figures { get; set; } = [];
}

public sealed class PerformanceDoc
{
    public DepartmentSheetDoc? Department { get; set; }
    public List<ProjectSheetDoc> Projects { get; set; } = [];
}

public sealed class DepartmentSheetDoc
{
    public int Year { get; set; }
    public string DepartmentName { get; set; } = "";
    public string? Contact { get; set; }
    public string? Phone { get; set; }
    public string? Goal { get; set; }
    public FundsDoc Funds { get; set; } = new();
    /// <summary>The domain's own indicators, written field by field from <see cref="IndicatorField.All"/> (<see cref="RecordJson{T}"/>).</summary>
    public List<Indicator> Indicators { get; set; } = [];
}

public sealed class FundsDoc
{
    public decimal? Superior { get; set; }
    public decimal? Local { get; set; }
    public decimal? Other { get; set; }
}

public sealed class ProjectSheetDoc
{
    public int Year { get; set; }
    public string? Unit { get; set; }
    public string Name { get; set; } = "";
    public string? Manager { get; set; }
    public decimal? Total { get; set; }
    public decimal? Fiscal { get; set; }
    public decimal? Other { get; set; }
    public string? Goal { get; set; }
    /// <summary>As the department sheet's (<see cref="DepartmentSheetDoc.Indicators"/>).</summary>
    public List<Indicator> Indicators { get; set; } = [];
}

public sealed class SignOffDoc
{
    public string Name { get; set; } = "";
    public DateOnly Date { get; set; }
    public string Text { get; set; } = "";
}

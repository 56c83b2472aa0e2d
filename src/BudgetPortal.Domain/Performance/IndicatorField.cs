using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Performance;

/// <summary>
/// One field of an <see cref="Indicator"/>, as data (<see cref="RecordField{T}"/>): its key in the file
/// form (docs/disclosure-format.md) and the sheet form, its name as the sheets print it, and the sheets
/// that have it. The file form, the sheet form and its labels, the API's schema, the aggregate's limits
/// and the copy read <see cref="All"/>.
/// </summary>
public sealed class IndicatorField : RecordField<Indicator>
{
    private readonly string? _projectLabel;

    private IndicatorField(string key, string label, Func<Indicator, string?> get, Action<Indicator, string?> set,
        bool required = false, string? projectLabel = null, bool projectOnly = false)
        : base(key, label, NoLimit, get, set, hint: null, required)
    {
        (_projectLabel, ProjectOnly) = (projectLabel, projectOnly);
    }

    private IndicatorField(string key, string label, Func<Indicator, decimal?> get, Action<Indicator, decimal?> set, string projectLabel)
        : base(key, label, FieldKind.Score, get, set)
    {
        _projectLabel = projectLabel;
    }

    /// <summary>Only the project sheet (项目支出绩效目标表) has this column.</summary>
    public bool ProjectOnly { get; }

    /// <summary>The column's name on a sheet of <paramref name="kind"/> (the project sheet says 指标值设置依据, 指标分值权重).</summary>
    public string LabelOn(SheetKind kind) => kind == SheetKind.Project ? _projectLabel ?? Label : Label;

    protected override void CheckNumber(decimal? value, string what) => AmountLimits.CheckQuoted(value, what);

    /// <summary>Every field of an indicator, in the order the sheets print them and the file form writes them.</summary>
    public static readonly IReadOnlyList<IndicatorField> All =
    [
        new("level1", "一级指标", i => i.Level1, (i, v) => i.Level1 = v ?? "", required: true),
        new("level2", "二级指标", i => i.Level2, (i, v) => i.Level2 = v ?? "", required: true),
        new("level3", "三级指标", i => i.Level3, (i, v) => i.Level3 = v ?? "", required: true),
        new("value", "指标值", i => i.Value, (i, v) => i.Value = v ?? "", required: true),
        new("basis", "指标设定依据", i => i.Basis, (i, v) => i.Basis = v, projectLabel: "指标值设置依据"),
        new("lastYear", "上年完成值", i => i.LastYear, (i, v) => i.LastYear = v, projectOnly: true),
        new("weight", "分值权重", i => i.Weight, (i, v) => i.Weight = v, projectLabel: "指标分值权重"),
        new("scoring", "指标赋分规则", i => i.Scoring, (i, v) => i.Scoring = v, projectOnly: true),
        new("evidence", "佐证资料", i => i.Evidence, (i, v) => i.Evidence = v, projectOnly: true),
    ];

    /// <summary>The columns of a sheet of <paramref name="kind"/>, in printed order.</summary>
    public static IReadOnlyList<IndicatorField> On(SheetKind kind) => All.Where(f => kind == SheetKind.Project || !f.ProjectOnly).ToList();

    /// <summary>The field of a key, or null.</summary>
    public static IndicatorField? Of(string key) => All.FirstOrDefault(f => f.Key == key);

    /// <summary>Indicator texts are stored as text of any length: only NUL is refused (TextLimits.CheckNul).</summary>
    private const int NoLimit = int.MaxValue;
}

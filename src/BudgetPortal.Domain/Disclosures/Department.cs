namespace BudgetPortal.Domain.Disclosures;

/// <summary>单位类型: decides, among other things, which 机关运行经费 rules apply.</summary>
public enum UnitType
{
    /// <summary>行政单位</summary>
    Administrative,
    /// <summary>事业单位</summary>
    Institution,
    /// <summary>参公事业单位 (参照公务员法管理的事业单位)</summary>
    CivilServiceInstitution,
}

/// <summary>
/// A budget unit (部门 or one of its 单位) that publishes disclosures. The code is stable and used in
/// URLs. A unit names its 主管部门 (<see cref="ParentId"/>); the tree is one level deep: a 主管部门 is
/// never itself a unit of another department.
/// </summary>
public sealed class Department
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 100;
    public const int MaxShortNameLength = 30;
    public const int MaxRegionLength = 60;

    private Department() { Code = ""; Name = ""; }

    public Department(string code, string name)
    {
        Code = CheckedCode(code);
        Name = CheckedName(name);
    }

    public int Id { get; private set; }
    public string Code { get; private set; }
    /// <summary>全称</summary>
    public string Name { get; private set; }
    /// <summary>简称 (optional)</summary>
    public string? ShortName { get; private set; }
    /// <summary>主管部门 (null for a 主管部门 itself or a department not grouped under one)</summary>
    public int? ParentId { get; private set; }
    /// <summary>The 主管部门 when loaded (or placed in this unit of work); <see cref="ParentId"/> is what is stored.</summary>
    public Department? Parent { get; private set; }
    /// <summary>地区, e.g. 新疆维吾尔自治区昌吉回族自治州 (optional)</summary>
    public string? Region { get; private set; }
    /// <summary>单位类型; null for departments created by an import before anyone said.</summary>
    public UnitType? UnitType { get; private set; }

    public static bool IsValidCode(string? code) =>
        code is { Length: >= 2 and <= MaxCodeLength } && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    public void Rename(string name) => Name = CheckedName(name);

    /// <summary>Changes the code; the caller checks that nothing has been published under the old one (URLs are public).</summary>
    public void ChangeCode(string code) => Code = CheckedCode(code);

    public void Describe(string? shortName, string? region, UnitType? unitType)
    {
        ShortName = Optional(shortName, MaxShortNameLength, "简称");
        Region = Optional(region, MaxRegionLength, "地区");
        UnitType = unitType;
    }

    /// <summary>
    /// Groups this department under <paramref name="parent"/> (or ungroups it with null). Refused when the
    /// parent is this department, is itself a unit of another, or when this department already has units
    /// of its own (<paramref name="hasUnits"/>): the tree stays one level deep, which also rules out cycles.
    /// </summary>
    public void PlaceUnder(Department? parent, bool hasUnits)
    {
        if (parent is null) { ParentId = null; Parent = null; return; }
        if (ReferenceEquals(parent, this) || (parent.Id != 0 && parent.Id == Id) || parent.Code == Code)
            throw new DomainException("主管部门不能是本部门自己。");
        if (parent.ParentId is not null || parent.Parent is not null)
            throw new DomainException($"“{parent.Name}”（{parent.Code}）本身是另一个部门的下属单位，不能作为主管部门。");
        if (hasUnits)
            throw new DomainException($"“{Name}”已有下属单位，不能再归入另一个主管部门。");
        Parent = parent;
        // A parent created in the same unit of work has no id yet; EF sets ParentId from Parent when saving.
        if (parent.Id != 0) ParentId = parent.Id;
    }

    public static string Label(UnitType type) => type switch
    {
        Disclosures.UnitType.Administrative => "行政单位",
        Disclosures.UnitType.Institution => "事业单位",
        Disclosures.UnitType.CivilServiceInstitution => "参公事业单位",
        _ => type.ToString(),
    };

    /// <summary>Reads 行政单位 / 事业单位 / 参公事业单位 (or the identifier); null when it is none of them.</summary>
    public static UnitType? ParseUnitType(string? text) => text?.Trim() switch
    {
        "行政单位" or "行政" or nameof(Disclosures.UnitType.Administrative) => Disclosures.UnitType.Administrative,
        "事业单位" or "事业" or nameof(Disclosures.UnitType.Institution) => Disclosures.UnitType.Institution,
        "参公事业单位" or "参公" or "参照公务员法管理事业单位" or "参照公务员法管理的事业单位"
            or nameof(Disclosures.UnitType.CivilServiceInstitution) => Disclosures.UnitType.CivilServiceInstitution,
        _ => null,
    };

    private static string CheckedCode(string code)
    {
        if (!IsValidCode(code))
            throw new DomainException($"部门代码“{code}”无效：只能使用小写字母、数字和连字符，长度 2–{MaxCodeLength}。");
        return code;
    }

    private static string CheckedName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new DomainException("部门名称不能为空。");
        name = name.Trim();
        TextLimits.CheckNul(name, "部门名称");
        if (name.Length > MaxNameLength)
            throw new DomainException($"部门全称最多 {MaxNameLength} 个字（现有 {name.Length} 个）。");
        return name;
    }

    private static string? Optional(string? text, int max, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        TextLimits.CheckNul(text, what);
        if (text.Length > max)
            throw new DomainException($"{what}最多 {max} 个字（现有 {text.Length} 个）。");
        return text;
    }
}

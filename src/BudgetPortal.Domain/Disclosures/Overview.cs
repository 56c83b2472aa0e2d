namespace BudgetPortal.Domain.Disclosures;

/// <summary>第一部分 部门概况: functions, structure and staff, as published.</summary>
public sealed class Overview
{
    public List<string> Functions { get; set; } = [];

    /// <summary>The two sentences of 二、机构设置及人员情况 exactly as printed.</summary>
    public List<string> StructureText { get; set; } = [];

    /// <summary>下属预算单位 count (0 prints as 无下属预算单位).</summary>
    public int SubordinateUnits { get; set; }

    /// <summary>科室 or 处室, as the document says.</summary>
    public string UnitWord { get; set; } = "科室";

    public List<string> InternalUnits { get; set; } = [];

    public StaffFigures Staff { get; set; } = new();

    /// <summary>A copy sharing no list or figures with this one (an owned value never has two owners).</summary>
    public Overview Copy() => new()
    {
        Functions = [.. Functions], StructureText = [.. StructureText], SubordinateUnits = SubordinateUnits,
        UnitWord = UnitWord, InternalUnits = [.. InternalUnits],
        Staff = new StaffFigures
        {
            Authorized = Staff.Authorized, Actual = Staff.Actual, Active = Staff.Active, ActiveChange = Staff.ActiveChange,
            Retired = Staff.Retired, RetiredChange = Staff.RetiredChange, Honorary = Staff.Honorary, HonoraryChange = Staff.HonoraryChange,
        },
    };
}

/// <summary>编制数, 实有人数 and its parts, with the changes against last year (signed).</summary>
public sealed class StaffFigures
{
    public int Authorized { get; set; }
    public int Actual { get; set; }
    public int Active { get; set; }
    public int ActiveChange { get; set; }
    public int Retired { get; set; }
    public int RetiredChange { get; set; }
    /// <summary>离休.</summary>
    public int Honorary { get; set; }
    public int HonoraryChange { get; set; }
}

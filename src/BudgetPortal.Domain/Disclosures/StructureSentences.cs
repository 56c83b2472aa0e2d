namespace BudgetPortal.Domain.Disclosures;

/// <summary>
/// The two sentences of 部门概况 二、机构设置及人员情况, composed from the figures (domain spec §1):
/// <c>{部门}无下属预算单位，下设 {n} 个科室，分别是：{科室1}、{科室2}。</c> and
/// <c>{部门}编制数 {a}，实有人数 {b} 人，其中：在职 {c} 人，增加 {c'} 人；退休 …；离休 …。</c>
/// </summary>
public static class StructureSentences
{
    public static List<string> Compose(string department, Overview overview)
    {
        var units = overview.InternalUnits.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u.Trim()).ToList();
        var subordinate = overview.SubordinateUnits == 0 ? "无下属预算单位" : $"有下属预算单位 {overview.SubordinateUnits} 个";
        var structure = units.Count == 0
            ? $"{department}{subordinate}。"
            : $"{department}{subordinate}，下设 {units.Count} 个{overview.UnitWord}，分别是：{string.Join("、", units)}。";
        var s = overview.Staff;
        return
        [
            structure,
            $"{department}编制数 {s.Authorized}，实有人数 {s.Actual} 人，其中：在职 {s.Active} 人，{Change(s.ActiveChange)}；" +
            $"退休 {s.Retired} 人，{Change(s.RetiredChange)}；离休 {s.Honorary} 人，{Change(s.HonoraryChange)}。",
        ];
    }

    /// <summary><c>增加 1 人</c> / <c>减少 1 人</c>; no change reads <c>增加 0 人</c>.</summary>
    private static string Change(int change) => change < 0 ? $"减少 {-change} 人" : $"增加 {change} 人";
}

using BudgetPortal.Domain.Disclosures;

namespace BudgetPortal.Domain.Tests.Disclosures;

public sealed class DepartmentTests
{
    [Fact]
    public void LengthsAreLimitedAndSaidInChinese()
    {
        Assert.Equal(100, new Department("ok", new string('名', 100)).Name.Length);
        Assert.Contains("部门全称最多 100 个字（现有 101 个）", Assert.Throws<DomainException>(() => new Department("ok", new string('名', 101))).Message);
        var d = new Department("ok", "某局");
        Assert.Contains("简称最多 30 个字", Assert.Throws<DomainException>(() => d.Describe(new string('简', 31), null, null)).Message);
        Assert.Contains("地区最多 60 个字", Assert.Throws<DomainException>(() => d.Describe(null, new string('地', 61), null)).Message);
        d.Describe("  ", " 昌吉州 ", UnitType.Institution);
        Assert.Equal((null, "昌吉州", UnitType.Institution), (d.ShortName, d.Region, d.UnitType));
        Assert.Throws<DomainException>(() => d.ChangeCode("Not Valid"));
    }

    [Fact]
    public void TheTreeIsOneLevelDeepSoNoCycleCanForm()
    {
        var parent = new Department("zg", "主管局");
        var unit = new Department("zg-a", "下属单位");
        unit.PlaceUnder(parent, hasUnits: false);
        Assert.Same(parent, unit.Parent);

        var other = new Department("zg-b", "另一单位");
        Assert.Contains("本身是另一个部门的下属单位", Assert.Throws<DomainException>(() => other.PlaceUnder(unit, hasUnits: false)).Message);
        Assert.Contains("已有下属单位", Assert.Throws<DomainException>(() => parent.PlaceUnder(other, hasUnits: true)).Message);
        Assert.Contains("不能是本部门自己", Assert.Throws<DomainException>(() => parent.PlaceUnder(parent, hasUnits: false)).Message);

        unit.PlaceUnder(null, hasUnits: false);
        Assert.Null(unit.Parent);
        Assert.Null(unit.ParentId);
    }

    [Theory]
    [InlineData("行政单位", UnitType.Administrative)]
    [InlineData(" 事业单位 ", UnitType.Institution)]
    [InlineData("参公事业单位", UnitType.CivilServiceInstitution)]
    [InlineData("参照公务员法管理事业单位", UnitType.CivilServiceInstitution)]
    [InlineData("Institution", UnitType.Institution)]
    [InlineData("企业", null)]
    [InlineData("", null)]
    public void UnitTypesAreReadByTheirChineseNames(string text, UnitType? expected)
    {
        Assert.Equal(expected, Department.ParseUnitType(text));
        if (expected is { } t) Assert.Equal(t, Department.ParseUnitType(Department.Label(t)));
    }
}

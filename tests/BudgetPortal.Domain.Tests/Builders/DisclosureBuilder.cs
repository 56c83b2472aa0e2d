using BudgetPortal.Domain.Disclosures;

namespace BudgetPortal.Domain.Tests.Builders;

/// <summary>A draft disclosure of a test department.</summary>
public sealed class DisclosureBuilder
{
    public const string DepartmentName = "昌吉回族自治州测试服务中心";

    private int _fiscalYear = 2025;
    private int _version = 1;

    public DisclosureBuilder ForYear(int fiscalYear)
    {
        _fiscalYear = fiscalYear;
        return this;
    }

    public DisclosureBuilder AsVersion(int version)
    {
        _version = version;
        return this;
    }

    public Disclosure Build() => new(new Department("test", DepartmentName), _fiscalYear, _version);
}

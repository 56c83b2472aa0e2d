using BudgetPortal.Domain.Classification;

namespace BudgetPortal.Domain.Tests.Classification;

public sealed class ClassificationCatalogTests
{
    private static ClassificationCode F(int year, string code, string name) => new(ClassificationScheme.Functional, year, code, name);

    /// <summary>2026 adds 201 13 商贸事务 (with 事业运行); 2025 still had 234 抗疫特别国债安排的支出.</summary>
    private static ClassificationCatalog Functional2026() => new(ClassificationScheme.Functional, 2026,
        [F(2026, "201", "一般公共服务支出"), F(2026, "20103", "政府办公厅（室）及相关机构事务"), F(2026, "2010301", "行政运行"),
         F(2026, "20113", "商贸事务"), F(2026, "2011350", "事业运行"), F(2026, "2010350", "事业运行")],
        [F(2025, "201", "一般公共服务支出"), F(2025, "20103", "政府办公厅（室）及相关机构事务"), F(2025, "2010301", "行政运行"),
         F(2025, "234", "抗疫特别国债安排的支出"), F(2025, "23401", "公共卫生体系建设"), F(2025, "2010302", "一般行政管理事务（旧）")]);

    [Theory]
    [InlineData("2019999")]
    [InlineData("201 99 99")]
    [InlineData("201-99-99")]
    public void ACodeOutsideTheCatalogIsAcceptedAsNotInCatalog(string typed)
    {
        var entry = Functional2026().Resolve(typed, out var problem);
        Assert.Null(problem);
        Assert.NotNull(entry);
        Assert.Equal("2019999", entry.Code);
        Assert.Equal(CatalogStatus.NotInCatalog, entry.Status);
        Assert.Null(entry.Name);
        Assert.Equal(3, entry.Level);
    }

    [Fact]
    public void LastYearsCodeIsRecognisedAsPreviousYear()
    {
        var entry = Functional2026().Resolve("234 01", out var problem);
        Assert.Null(problem);
        Assert.Equal(new CatalogEntry("23401", "公共卫生体系建设", CatalogStatus.PreviousYear), entry);
        Assert.Equal(CatalogStatus.InCatalog, Functional2026().Entry("2011350").Status);
    }

    [Fact]
    public void NamesAreResolvedInThisYearsCatalogFirst()
    {
        var catalog = Functional2026();
        // 行政运行 is in both years: this year's wins.
        Assert.Equal(new CatalogEntry("2010301", "行政运行", CatalogStatus.InCatalog), catalog.Resolve("行政运行", out _));
        // A name only last year's catalog has is found there, and says so.
        Assert.Equal(new CatalogEntry("234", "抗疫特别国债安排的支出", CatalogStatus.PreviousYear), catalog.Resolve("抗疫特别国债", out _));
        Assert.Equal("商贸事务", catalog.NameOf("20113"));
    }

    [Fact]
    public void ANameOfSeveralCodesAsksForTheCode()
    {
        Assert.Null(Functional2026().Resolve("事业运行", out var problem));
        Assert.Contains("2010350 事业运行", problem);
        Assert.Contains("2011350 事业运行", problem);
        Assert.Contains("请输入编码", problem);
    }

    [Fact]
    public void TextThatIsNeitherACodeNorAKnownNameIsExplained()
    {
        Assert.Null(Functional2026().Resolve("20113501", out var badCode));
        Assert.Contains("7 位（项）", badCode);
        Assert.Null(Functional2026().Resolve("不存在的科目", out var unknown));
        Assert.Contains("目录外的编码也可以使用", unknown);
    }

    [Fact]
    public void AnEconomicSevenDigitCodeIsRefused()
    {
        var economic = new ClassificationCatalog(ClassificationScheme.Economic, 2026,
            [new ClassificationCode(ClassificationScheme.Economic, 2026, "301", "工资福利支出")], []);
        Assert.Null(economic.Resolve("3010101", out var problem));
        Assert.Contains("经济分类只有类（3 位）、款（5 位）两级", problem);
        Assert.Equal(CatalogStatus.NotInCatalog, economic.Resolve("30199", out _)!.Status);
    }

    [Fact]
    public void SearchFindsCodesByPrefixInAnyWrittenFormAndNamesByPart()
    {
        var catalog = Functional2026();
        Assert.Equal(["20113", "2011350"], catalog.Search("201 13", 20).Select(e => e.Code));
        Assert.Equal(["20113", "2011350"], catalog.Search("20113", 20).Select(e => e.Code));
        Assert.Equal(["2010350", "2011350"], catalog.Search("事业运行", 20).Select(e => e.Code));
        // Last year's codes are offered too, marked as such.
        var covid = Assert.Single(catalog.Search("抗疫", 20));
        Assert.Equal(CatalogStatus.PreviousYear, covid.Status);
        // A code both years have is this year's (once).
        Assert.Equal(CatalogStatus.InCatalog, Assert.Single(catalog.Search("2010301", 20)).Status);
        Assert.Equal(3, catalog.Search("", 3).Count);
        Assert.Empty(catalog.Search("没有这个", 20));
    }

    [Fact]
    public void TheCatalogSaysWhichYearsItsCodesComeFrom()
    {
        var catalog = Functional2026();
        Assert.Equal(2026, catalog.CurrentCatalogYear);
        Assert.Equal(2025, catalog.PreviousCatalogYear);
        var none = new ClassificationCatalog(ClassificationScheme.Functional, 2026, [], []);
        Assert.True(none.IsEmpty);
        Assert.Null(none.CurrentCatalogYear);
    }
}

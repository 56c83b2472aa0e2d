using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Disclosures;

/// <summary>StartCorrection: the parts copy themselves, so the correction holds the same content and shares none of it.</summary>
public sealed class CorrectionTests
{
    private static Disclosure Published(string seed)
    {
        var disclosure = SeedFiles.Get(seed).Load();
        disclosure.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(disclosure));
        return disclosure;
    }

    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void ACorrectionHoldsEveryPartOfThePublishedVersion(string seed)
    {
        var published = Published(seed);

        var correction = published.StartCorrection("更正说明");

        Assert.Equal(published.ToDocument().ToJson(), correction.ToDocument().ToJson());
        Assert.Equal(published.Notes.Select(n => (n.Key, n.IsDrafted, n.Ordinal)), correction.Notes.Select(n => (n.Key, n.IsDrafted, n.Ordinal)));
        Assert.Equal((2, "更正说明", DisclosureStatus.Draft), (correction.Version, correction.CorrectionReason, correction.Status));
        Assert.Empty(correction.PublishedChecks);
    }

    [Fact]
    public void ACorrectionSharesNoPartWithThePublishedVersion()
    {
        var published = Published("000");
        var before = published.ToDocument().ToJson();

        var correction = published.StartCorrection("更正说明");
        var row = correction.Table(TableKind.Expenditure).Total!;
        row.Set("total", row.Amount("total") + 1m);
        correction.Note("2")!.Lines[0].Reason = "改过的原因";
        correction.PerformanceSheets[0].Goal = "改过的目标";
        correction.Overview.Functions.Add("新增职能");
        correction.SignOff.Text = "改过的落款";

        Assert.Equal(before, published.ToDocument().ToJson());
    }
}

using BudgetPortal.Domain;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Import;
using BudgetPortal.Web.Import;
using BudgetPortal.Web.Tests.Data;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace BudgetPortal.Web.Tests.Import;

/// <summary>`import PATH...` against a real PostgreSQL with the seeds published: drafts, reports, and nothing stored on failure.</summary>
public sealed class ImportCommandTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    private static string SeedText(string prefix) =>
        Directory.GetFiles(Path.Combine(Repo.Seeds, "disclosures"), prefix + "_*.txt").Single();

    private IConfiguration Config() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Budget"] = seeded.Database.ConnectionString,
        ["ConnectionStrings:BudgetOwner"] = seeded.Database.OwnerConnectionString,
        ["Seeds:Path"] = Repo.Seeds,
    }).Build();

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await ImportCommand.RunAsync(args, output, Config());
        return (exit, output.ToString());
    }

    private async Task<(int Departments, int Disclosures, int Rows, int Notes)> CountsAsync()
    {
        await using var db = seeded.NewDbContext();
        return (await db.Departments.CountAsync(), await db.Disclosures.CountAsync(), await db.TableRows.CountAsync(), await db.NoteSections.CountAsync());
    }

    [Fact]
    public async Task ImportingASeedTextStoresADraftBesideThePublishedVersionEqualToTheTranscription()
    {
        var (exit, output) = await RunAsync(SeedText("003"));
        Assert.True(exit == 0, output);
        Assert.Matches(@"\[1/1\] 003_\S+\.txt → gbkhpj 2024 年 草稿第 2 版", output);

        await using var db = seeded.NewDbContext();
        var versions = await db.Disclosures.Where(d => d.Department.Code == "gbkhpj" && d.FiscalYear == 2024)
            .OrderBy(d => d.Version).Select(d => new { d.Version, d.Status, d.Id }).ToListAsync();
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(DisclosureStatus.Published, versions[0].Status);
        Assert.Equal(DisclosureStatus.Draft, versions[1].Status);

        var draft = await new BudgetPortal.Web.Disclosures.DisclosureReader(db).LoadAsync(versions[1].Id);
        Assert.NotNull(draft);
        var expected = Repo.LoadSeed(Path.GetFileName(Path.ChangeExtension(SeedText("003"), ".json")));
        Assert.Empty(DocumentComparison.Differences(expected, draft!.ToDocument()));
    }

    [Fact]
    public async Task TheScrambledSeedIsStoredAsAPartialDraftWithTheTablesLeftForAnOfficer()
    {
        var before = await CountsAsync();
        var (exit, output) = await RunAsync(SeedText("002"));
        Assert.True(exit == 0, output);
        // One line for the file: stored, partial, what was read, inferred and left.
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("[1/1]", StringComparison.Ordinal));
        Assert.Matches(@"草稿第 2 版（部分）：读出 \d+ 部分，推断 \d+ 处，留待填写 \d+ 部分（[^）]*表1", line);
        Assert.Equal(before.Disclosures + 1, (await CountsAsync()).Disclosures);

        // The audit line names the draft and the parts left, with the lines they stood on.
        await using var db = seeded.NewDbContext();
        var draft = await db.Disclosures.Where(d => d.Status == DisclosureStatus.Draft && d.Department.Name == "昌吉回族自治州对口援疆工作领导小组办公室")
            .Select(d => d.Id).SingleAsync();
        var audit = await db.AuditLog.Where(a => a.DisclosureId == draft && a.Action == BudgetPortal.Domain.Audit.AuditAction.Import).SingleAsync();
        Assert.Matches(@"留待填写：.*表1（第 \d+(–\d+)? 行）", audit.Detail);
        var stored = await new BudgetPortal.Web.Disclosures.DisclosureReader(db).LoadAsync(draft);
        var gaps = ImportGaps.Of(audit.Detail, stored!);
        Assert.Contains(gaps, g => g is { Part: "表1", Filled: false, Href: var h } && h == $"/workspace/disclosures/{draft}/tables/1");
    }

    [Fact]
    public async Task AFileThatIsNotADisclosureIsRefusedAndNothingIsStored()
    {
        var before = await CountsAsync();
        var file = Path.Combine(Path.GetTempPath(), $"not-a-disclosure-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "会议纪要\n\n一、 会议时间\n2025 年 3 月 1 日\n");
        try
        {
            var (exit, output) = await RunAsync(file);
            Assert.Equal(1, exit);
            Assert.Contains("导入失败：找不到部门、年度、预算公开表：这不像一份部门预算公开。", output);
            Assert.Equal(before, await CountsAsync());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task OutWritesTheApiFormAndStoresNothing()
    {
        var before = await CountsAsync();
        var file = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.json");
        try
        {
            var (exit, output) = await RunAsync(SeedText("000"), "--out", file);
            Assert.True(exit == 0, output);
            Assert.Contains("导入报告", output);
            Assert.Contains("数据核验", output);
            var written = DisclosureDocument.Parse(await File.ReadAllTextAsync(file));
            var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(file))!;
            Assert.Equal("draft", (string?)json["status"]);
            Assert.Equal(11, written.Tables.Count);
            Assert.Empty(DocumentComparison.Differences(Repo.LoadSeed(Path.GetFileName(Path.ChangeExtension(SeedText("000"), ".json"))), written));
        }
        finally
        {
            File.Delete(file);
        }
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task AFailureWhileStoringLeavesNothingBehind()
    {
        // A new department, and a document the domain refuses only once the department is added.
        var doc = Repo.LoadSeed(Path.GetFileName(Path.ChangeExtension(SeedText("000"), ".json")));
        doc.Department = new DepartmentDoc { Code = "import-tx-test", Name = "事务测试中心" };
        doc.Tables["3"].Rows[0].Cells["noSuchColumn"] = 1.00m;
        var good = Repo.LoadSeed(Path.GetFileName(Path.ChangeExtension(SeedText("000"), ".json")));
        good.Department = new DepartmentDoc { Code = "import-tx-next", Name = "事务测试中心二" };
        var before = await CountsAsync();
        await using (var db = seeded.NewDbContext())
        {
            // As the command does: one context for several files. The failed file's department must
            // not ride along with the next file that is stored.
            var store = new DraftStore(db);
            await Assert.ThrowsAsync<DomainException>(() => store.SaveAsync(doc, null));
            Assert.Equal(before, await CountsAsync());
            await store.SaveAsync(good, null);
        }
        await using var check = seeded.NewDbContext();
        Assert.False(await check.Departments.AnyAsync(d => d.Code == "import-tx-test"));
        Assert.True(await check.Departments.AnyAsync(d => d.Code == "import-tx-next"));
    }

    [Fact]
    public async Task ADraftAlreadyWaitingIsNotOverwrittenAndNothingIsStored()
    {
        var (first, output) = await RunAsync(SeedText("001"));
        Assert.True(first == 0, output);
        var before = await CountsAsync();
        var (second, again) = await RunAsync(SeedText("001"));
        Assert.Equal(1, second);
        Assert.Contains("已有未发布的草稿", again);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ACodeThatBelongsToAnotherDepartmentIsRefusedAndNothingIsStored()
    {
        var before = await CountsAsync();
        var (exit, output) = await RunAsync(SeedText("003"), "--code", "jjxz");
        Assert.Equal(1, exit);
        Assert.Contains("部门代码“jjxz”属于“昌吉回族自治州经济协作服务中心”", output);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task AnItemOnlyThePreviousDisclosureNamesGetsItsCodeFromIt()
    {
        // Last year (published): the department named its 201 31 99 “其他机关运行补助专项”, a name no catalog has.
        const string name = "旧项名称测试中心", code = "old-item-name";
        const string local = "其他机关运行补助专项";
        await using (var db = seeded.NewDbContext())
        {
            var last = Repo.LoadSeed(Path.GetFileName(Path.ChangeExtension(SeedText("000"), ".json")));
            last.FiscalYear = 2024;
            foreach (var t in new[] { "2", "3", "5" })
                foreach (var row in last.Tables[t].Rows.Where(r => r.Code == "2013199")) row.Name = local;
            var published = await db.AddDraftOfNewDepartmentAsync(code, name, last);
            published.Submit(DateTimeOffset.UtcNow, 0);
            published.Publish(DateTimeOffset.UtcNow, BudgetPortal.Domain.Checks.ConsistencyChecks.Run(published));
            await db.SaveChangesAsync();
        }
        // This year's text: seed 000 of that department, its 说明五(三) naming the 项 by last year's local name.
        var text = (await File.ReadAllTextAsync(SeedText("000"))).Replace("昌吉回族自治州经济协作服务中心", name);
        Assert.Contains("他党委办公厅（室）及相关机构事务支出（项）", text);
        text = text.Replace("他党委办公厅（室）及相关机构事务支出（项）", "他机关运行补助专项（项）");
        var file = Path.Combine(Path.GetTempPath(), $"old-item-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, text);
        try
        {
            var catalog = ImportCatalog.FromFolder(Path.Combine(Repo.Seeds, "classification"));
            // Neither 表5 nor a catalog names it: without the previous disclosure it is kept by its name, code left open.
            var (alone, _) = await ImportCommand.ImportFileAsync(file, catalog, null);
            var kept = alone.Document!.Notes.Single(n => n.Key == "5.3").Lines[1];
            Assert.Equal(("item2", $"一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）{local}（项）", 10.00m), (kept.Key, kept.Label, kept.Amount));
            Assert.Equal([kept.Label!], alone.ItemsByName);
            Assert.Contains(alone.Report.Inferred, n => n.Part == "说明5.3" && n.Message.Contains("按名称保存"));

            // The command asks the department's published 2024 disclosure, which names it: 201 31 99.
            var (exit, output) = await RunAsync(file);
            Assert.True(exit == 0, output);
            Assert.Contains($"→ {code} 2025 年 草稿第 1 版", output);
            await using var db = seeded.NewDbContext();
            var id = await db.Disclosures.Where(d => d.Department.Code == code && d.FiscalYear == 2025).Select(d => d.Id).SingleAsync();
            var draft = await new BudgetPortal.Web.Disclosures.DisclosureReader(db).LoadAsync(id);
            var line = draft!.Note("5.3")!.Lines[1];
            Assert.Equal(("2013199", 10.00m), (line.Key, line.Amount));
        }
        finally
        {
            File.Delete(file);
        }
    }
}

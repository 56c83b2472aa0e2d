using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Benchmarks;

/// <summary>
/// The eleven tables of a large budget derived from its lines (issue 12: a 2,000-line budget in < 50 ms):
/// 2,000 lines over 300 项 and 400 projects, every source of money, the seeds' economic catalog with a 款
/// of each other 类. <see cref="SetLines"/> is what saving the lines costs: the catalog look-ups, the
/// derivation and the notes drafted from the tables. Run in process (docs/benchmarks.md): the default
/// toolchain would build the projects again outside the artifacts folder.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class LineDerivationBenchmark
{
    private const int Year = 2025;
    private List<BudgetLine> _lines = [];
    private YearCatalogs _catalogs = null!;
    private Disclosure _disclosure = null!;

    [Params(2000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Build()
    {
        string[] categories = ["201", "204", "205", "206", "207", "208", "210", "212", "213", "221"];
        var functional = new List<ClassificationCode>();
        var items = new List<string>();
        foreach (var category in categories)
        {
            functional.Add(new(ClassificationScheme.Functional, Year, category, $"类 {category}"));
            for (var k = 1; k <= 6; k++)
            {
                var @class = $"{category}{k:00}";
                functional.Add(new(ClassificationScheme.Functional, Year, @class, $"款 {@class}"));
                for (var i = 1; i <= 5; i++)
                {
                    var item = $"{@class}{i:00}";
                    functional.Add(new(ClassificationScheme.Functional, Year, item, $"项 {item}"));
                    items.Add(item);
                }
            }
        }
        var economic = File.ReadLines(Path.Combine(Repo.Root, "seeds", "classification", $"economic-{Year}.tsv")).Skip(1)
            .Where(l => l.Length > 0).Select(l => l.Split('\t')).Select(p => new ClassificationCode(ClassificationScheme.Economic, Year, p[0], p[1]))
            .Concat(new[] { "30701", "30902", "31002", "31013", "31101", "31204", "31301", "39999" }
                .Select(c => new ClassificationCode(ClassificationScheme.Economic, Year, c, $"款 {c}")))
            .ToList();
        _catalogs = new YearCatalogs(new ClassificationCatalog(ClassificationScheme.Functional, Year, functional, []),
            new ClassificationCatalog(ClassificationScheme.Economic, Year, economic, []));

        var random = new Random(12);
        var codes = economic.Where(c => c.Code.Length == 5).Select(c => c.Code).ToArray();
        var basicCodes = codes.Where(c => c[..3] is "301" or "302" or "303").ToArray();
        var projects = Enumerable.Range(1, 400).Select(i => (Name: $"项目{i:000}", Item: items[random.Next(items.Count)])).ToArray();
        var sources = Enum.GetValues<MoneySource>();
        _lines = Enumerable.Range(0, Lines).Select(_ =>
        {
            var source = random.Next(3) == 0 ? sources[random.Next(sources.Length)] : MoneySource.GeneralBudget;
            var amount = random.Next(1, 1_000_000) / 100m;
            if (random.Next(5) < 3)
            {
                var project = projects[random.Next(projects.Length)];
                return new BudgetLine(project.Item, codes[random.Next(codes.Length)], LineSpending.Project, source, amount, project.Name);
            }
            var code = basicCodes[random.Next(basicCodes.Length)];
            return new BudgetLine(items[random.Next(items.Count)], code, code.StartsWith("302", StringComparison.Ordinal) ? LineSpending.Public : LineSpending.Personnel,
                source, amount);
        }).ToList();
        _disclosure = new Disclosure(new Department("bench", "基准测试部门"), Year);
    }

    [Benchmark]
    public int Derive() => LineDerivation.Derive(_lines, Year, _catalogs, "基准测试部门").Sum(t => t.Rows.Count);

    [Benchmark]
    public int SetLines()
    {
        _disclosure.SetLines(_lines.Select(l => l.Copy()), _catalogs);
        return _disclosure.Table(TableKind.GeneralBudgetProjects).Rows.Count;
    }
}

/// <summary>3 warm-ups and 15 iterations in the benchmark's own process.</summary>
internal sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig() =>
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance));
}

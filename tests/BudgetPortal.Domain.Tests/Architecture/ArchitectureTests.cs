using System.Text.RegularExpressions;
using System.Xml.Linq;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Architecture;

/// <summary>
/// The shape of the house (docs/decisions/0014-domain-without-cycles.md, ../shared/docs/style.md "The
/// shape"): Domain depends on nothing, Data on Domain, Web on both; inside Domain no folder (namespace)
/// reaches back to one that reaches it, and the parts of a disclosure never name the aggregate.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Domain = "BudgetPortal.Domain";

    private static string ProjectDirectory(string project) => Path.Combine(SeedFiles.RepoRoot, "src", project);

    /// <summary>Every .cs file of a project's folder (not its build output), by path relative to the folder.</summary>
    private static Dictionary<string, string> Sources(string project, string pattern = "*.cs")
    {
        var root = ProjectDirectory(project);
        return Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToDictionary(path => path, path => File.ReadAllText(Path.Combine(root, path)));
    }

    private static NamespaceGraph DomainGraph() =>
        NamespaceGraph.FromSources(Domain, Sources(Domain)).AddSignatures(typeof(Disclosure).Assembly);

    [Fact]
    public void NoFolderOfTheDomainReachesBackToOneThatReachesIt()
    {
        var graph = DomainGraph();

        // The reader sees the arrows that are there (else an empty graph would pass).
        Assert.True(graph.Edges.Count > 50, $"only {graph.Edges.Count} arrows read");
        Assert.Contains(graph.Edges, e => e.From == $"{Domain}.Checks" && e.To == $"{Domain}.Disclosures");
        Assert.Contains(graph.Edges, e => e.From == $"{Domain}.Disclosures" && e.To == $"{Domain}.Notes");
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, "Folder cycles in Domain, among " +
            string.Join("; ", graph.Tangles().Select(t => string.Join(", ", t))) + ":" + Environment.NewLine +
            string.Join(Environment.NewLine, cycles.Select(graph.Describe)));
    }

    /// <summary>
    /// The using lines are the map of the house: a folder is never reached by a qualified name
    /// (<c>Checks.PublishedCheck</c>), which would leave the arrow out of the map. (The root's types,
    /// DomainException and TextLimits, are seen from every folder by their plain names.)
    /// </summary>
    [Fact]
    public void AnotherFolderIsReachedOnlyThroughAUsingLine()
    {
        var graph = NamespaceGraph.FromSources(Domain, Sources(Domain));

        var hidden = graph.Edges.Where(e => e.Kind == ArrowKind.QualifiedName && e.To != Domain).ToList();

        Assert.Contains(graph.Edges, e => e.Kind == ArrowKind.QualifiedName && e.To == Domain);
        Assert.True(hidden.Count == 0, string.Join(Environment.NewLine, hidden.Select(e => e.Evidence)));
    }

    [Theory]
    [InlineData("Tables")]
    [InlineData("Notes")]
    [InlineData("Performance")]
    [InlineData("Classification")]
    public void APartOfADisclosureNeverNamesTheAggregate(string part)
    {
        var arrows = DomainGraph().Edges.Where(e => e.From == $"{Domain}.{part}" && e.To == $"{Domain}.Disclosures").ToList();

        Assert.True(arrows.Count == 0, string.Join(Environment.NewLine, arrows.Select(a => a.Evidence)));
    }

    [Theory]
    [InlineData("BudgetPortal.Domain", new string[0])]
    [InlineData("BudgetPortal.Data", new[] { "BudgetPortal.Domain" })]
    [InlineData("BudgetPortal.Web", new[] { "BudgetPortal.Data", "BudgetPortal.Domain" })]
    public void EachProjectReferencesOnlyTheProjectsBelowIt(string project, string[] below)
    {
        var csproj = XDocument.Load(Path.Combine(ProjectDirectory(project), $"{project}.csproj"));

        var references = csproj.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)).Order(StringComparer.Ordinal);

        Assert.Equal(below, references);
    }

    [Fact]
    public void TheDomainIsPlainCSharpWithNoPackage()
    {
        var csproj = XDocument.Load(Path.Combine(ProjectDirectory(Domain), $"{Domain}.csproj"));

        Assert.DoesNotContain(csproj.Descendants(), e => e.Name.LocalName is "PackageReference" or "FrameworkReference" or "Reference");
        var compiled = typeof(Disclosure).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("System.Runtime", compiled);
        Assert.All(compiled, name => Assert.Matches(@"^(System(\..+)?|netstandard|mscorlib)$", name));
    }

    /// <summary>A name of an upper project or of a framework a lower project must not know (even in a qualified name).</summary>
    [Theory]
    [InlineData("BudgetPortal.Domain", @"\bBudgetPortal\s*\.\s*(Data|Web)\b|\bMicrosoft\s*\.\s*(EntityFrameworkCore|AspNetCore|Extensions)\b|\bNpgsql\b")]
    [InlineData("BudgetPortal.Data", @"\bBudgetPortal\s*\.\s*Web\b|(?<![\w.])Web\s*\.\s*[A-Z]")]
    public void NoSourceOfALowerProjectNamesAnUpperOne(string project, string forbidden)
    {
        var files = Sources(project);
        Assert.NotEmpty(files);

        var offending = files
            .SelectMany(f => Regex.Matches(NamespaceGraph.WithoutComments(f.Value), forbidden).Select(m => $"{f.Key}: {m.Value}"))
            .ToList();

        Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));
    }
}

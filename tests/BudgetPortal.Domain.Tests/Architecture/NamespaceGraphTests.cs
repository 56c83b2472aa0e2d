namespace BudgetPortal.Domain.Tests.Architecture;

/// <summary>The cycle finder and the source reader on small made-up projects: each can report a cycle and each arrow kind.</summary>
public sealed class NamespaceGraphTests
{
    private static NamespaceGraph Graph(params (string From, string To)[] edges)
    {
        var graph = new NamespaceGraph("R");
        foreach (var (from, to) in edges) graph.Add($"R.{from}", $"R.{to}", "test");
        return graph;
    }

    private static NamespaceGraph Read(params (string File, string Code)[] files) =>
        NamespaceGraph.FromSources("R", files.ToDictionary(f => f.File, f => f.Code));

    private static IEnumerable<string> Arrows(NamespaceGraph graph) =>
        graph.Edges.Select(e => $"{e.From}→{e.To}").Distinct().Order(StringComparer.Ordinal);

    [Fact]
    public void ACycleThroughThreeNamespacesIsFoundAsAPath()
    {
        var cycle = Assert.Single(Graph(("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"), ("D", "E")).Cycles());

        Assert.Equal(["R.A", "R.B", "R.C", "R.A"], cycle);
    }

    [Fact]
    public void TwoSeparateCyclesAreBothFound()
    {
        var cycles = Graph(("A", "B"), ("B", "A"), ("C", "D"), ("D", "C"), ("B", "C")).Cycles();

        Assert.Equal(2, cycles.Count);
    }

    [Fact]
    public void ALayeredGraphHasNoCycle() =>
        Assert.Empty(Graph(("A", "B"), ("A", "C"), ("B", "C"), ("C", "D"), ("B", "D")).Cycles());

    [Fact]
    public void APartlyQualifiedNameIsAnArrowThatCloses()
    {
        var graph = Read(
            ("Disclosures/D.cs", "namespace R.Disclosures;\npublic sealed class D { private readonly List<Checks.P> _p = []; }"),
            ("Checks/P.cs", "using R.Disclosures;\nnamespace R.Checks;\npublic sealed class P { public void Run(D d) { } }"));

        var cycle = Assert.Single(graph.Cycles());

        Assert.Equal(["R.Checks", "R.Disclosures", "R.Checks"], cycle);
        Assert.Contains("Checks.P", graph.Describe(cycle));
        Assert.Contains(graph.Edges, e => e is { From: "R.Disclosures", To: "R.Checks", Kind: ArrowKind.QualifiedName });
    }

    [Theory]
    [InlineData("var x = global::R.B.T.Make();")]
    [InlineData("var x = R.B.T.Make();")]
    [InlineData("var x = B . T.Make();")]
    [InlineData("nameof(B.T)")]
    public void EveryQualifiedFormIsAnArrow(string statement)
    {
        var graph = Read(("A/U.cs", $"namespace R.A;\npublic static class U {{ static void M() {{ {statement} }} }}"),
            ("B/T.cs", "namespace R.B;\npublic static class T { }"));

        Assert.Equal(["R.A→R.B"], Arrows(graph));
    }

    [Theory]
    [InlineData("using R.B;")]
    [InlineData("using static R.B.T;")]
    [InlineData("using Alias = R.B.T;")]
    [InlineData("global using R.B;")]
    public void EveryUsingLineIsAnArrow(string usingLine)
    {
        var graph = Read(($"A/U.cs", $"{usingLine}\nnamespace R.A;\npublic static class U {{ }}"),
            ("B/T.cs", "namespace R.B;\npublic static class T { }"));

        Assert.Equal(["R.A→R.B"], Arrows(graph));
    }

    [Theory]
    [InlineData("var n = d.B.T;")]                 // a property named B holding something with a member T
    [InlineData("// B.T is not named in code")]
    [InlineData("/* see R.B.T */")]
    [InlineData("var t = new T();")]               // without a using this would not compile; it names no namespace
    public void MemberAccessesAndCommentsAreNotArrows(string statement)
    {
        var graph = Read(("A/U.cs", $"namespace R.A;\npublic static class U {{ static void M() {{ {statement} }} }}"),
            ("B/T.cs", "namespace R.B;\npublic sealed class T { }"));

        Assert.Empty(graph.Edges);
    }

    [Fact]
    public void ARootTypeIsSeenByItsPlainNameFromBelow()
    {
        var graph = Read(("Error.cs", "namespace R;\npublic sealed class Error : Exception { }"),
            ("A/U.cs", "namespace R.A;\npublic static class U { static void M() => throw new Error(); }"));

        Assert.Equal(["R.A→R"], Arrows(graph));
    }
}

using System.Reflection;
using System.Text.RegularExpressions;

namespace BudgetPortal.Domain.Tests.Architecture;

/// <summary>How an arrow was seen: a using line, a qualified name in the code, or a compiled signature.</summary>
public enum ArrowKind
{
    Using,
    QualifiedName,
    Signature,
}

/// <summary>One arrow between two namespaces of a project, with how and where it was seen (file and the text that names it).</summary>
public sealed record NamespaceEdge(string From, string To, ArrowKind Kind, string Evidence);

/// <summary>
/// The arrows between the namespaces (folders) of one project, read from its sources: a <c>using</c>
/// line (plain, static, alias or global) and every qualified name in the code — fully
/// (<c>BudgetPortal.Domain.Checks.X</c>, <c>global::…</c>) or partly (<c>Checks.PublishedCheck</c>,
/// which C# resolves through the parent namespace without a <c>using</c>) — of a type declared in
/// another namespace of the project. Comments do not count; the compiled signatures can be added
/// (<see cref="AddSignatures"/>) so a type reached without being named is an arrow too.
/// </summary>
public sealed partial class NamespaceGraph
{
    private readonly List<NamespaceEdge> _edges = [];

    public NamespaceGraph(string rootNamespace) => RootNamespace = rootNamespace;

    /// <summary>The project's root namespace (BudgetPortal.Domain); the nodes are it and the namespaces under it.</summary>
    public string RootNamespace { get; }

    public IReadOnlyList<NamespaceEdge> Edges => _edges;

    public IEnumerable<string> Nodes => _edges.SelectMany(e => new[] { e.From, e.To }).Distinct();

    /// <summary>The graph of a project's sources (file name → text), every .cs file of its folder.</summary>
    public static NamespaceGraph FromSources(string rootNamespace, IReadOnlyDictionary<string, string> files)
    {
        var graph = new NamespaceGraph(rootNamespace);
        var code = files.ToDictionary(f => f.Key, f => WithoutComments(f.Value));
        var declared = new Dictionary<string, HashSet<string>>();
        foreach (var (_, text) in code)
            if (NamespaceOf(text) is { } ns)
                foreach (Match m in TypeDeclaration().Matches(text))
                    (declared.TryGetValue(ns, out var set) ? set : declared[ns] = []).Add(m.Groups["name"].Value);

        var patterns = declared.ToDictionary(d => d.Key, d => Qualified(rootNamespace, d.Key, d.Value));
        foreach (var (file, text) in code)
        {
            var from = NamespaceOf(text) ?? rootNamespace;
            foreach (Match m in UsingLine().Matches(text))
                if (graph.Owner(m.Groups["target"].Value, declared.Keys) is { } to && to != from)
                    graph.Add(from, to, $"{file}: {m.Value.Trim()}", ArrowKind.Using);
            foreach (var (ns, pattern) in patterns.Where(p => p.Key != from))
                if (pattern.Match(text) is { Success: true } hit)
                    graph.Add(from, ns, $"{file}: {hit.Value}", ArrowKind.QualifiedName);
        }
        return graph;
    }

    /// <summary>
    /// Adds the arrows of the compiled types' signatures (base types, interfaces, fields, properties,
    /// method and constructor parameters and results, generic arguments; closures are nested types,
    /// so what a lambda captures counts).
    /// </summary>
    public NamespaceGraph AddSignatures(Assembly assembly)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes())
        {
            var from = Outermost(type).Namespace;
            if (!IsOwn(from)) continue;
            var used = new List<Type?> { type.BaseType };
            used.AddRange(type.GetInterfaces());
            used.AddRange(type.GetFields(all).Select(f => f.FieldType));
            used.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (method is MethodInfo info) used.Add(info.ReturnType);
                used.AddRange(method.GetParameters().Select(p => p.ParameterType));
            }
            foreach (var target in used.OfType<Type>().SelectMany(Flatten).Distinct())
            {
                var to = Outermost(target).Namespace;
                if (IsOwn(to) && to != from)
                    Add(from!, to!, $"{type.FullName} uses {target.FullName}", ArrowKind.Signature);
            }
        }
        return this;
    }

    public void Add(string from, string to, string evidence, ArrowKind kind = ArrowKind.Using)
    {
        if (!_edges.Any(e => e.From == from && e.To == to && e.Evidence == evidence))
            _edges.Add(new NamespaceEdge(from, to, kind, evidence));
    }

    /// <summary>
    /// The cycles of the graph: each strongly connected set of two or more namespaces (or one that
    /// points at itself), as a path that returns to its start. Empty when the graph is acyclic.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var next = Next();
        return StronglyConnected(next).Where(c => c.Count > 1).Select(c => (IReadOnlyList<string>)PathWithin(c, next)).ToList();
    }

    /// <summary>The namespaces of each cycle's tangle: all those that reach each other (a cycle shows one way round).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Tangles() =>
        StronglyConnected(Next()).Where(c => c.Count > 1).Select(c => (IReadOnlyList<string>)c.Select(Short).Order(StringComparer.Ordinal).ToList()).ToList();

    private Dictionary<string, List<string>> Next() =>
        _edges.Where(e => e.From != e.To).GroupBy(e => e.From)
            .ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().Order(StringComparer.Ordinal).ToList());

    /// <summary>The evidence of each arrow along a cycle, for the failure message.</summary>
    public string Describe(IReadOnlyList<string> cycle) =>
        string.Join(" → ", cycle.Select(Short)) + Environment.NewLine +
        string.Join(Environment.NewLine, cycle.Zip(cycle.Skip(1)).Select(step =>
            $"  {Short(step.First)} → {Short(step.Second)}: " +
            string.Join("; ", _edges.Where(e => e.From == step.First && e.To == step.Second).Select(e => e.Evidence).Take(3))));

    private string Short(string ns) => ns == RootNamespace ? "(root)" : ns[(RootNamespace.Length + 1)..];

    private bool IsOwn(string? ns) => ns is not null && (ns == RootNamespace || ns.StartsWith(RootNamespace + ".", StringComparison.Ordinal));

    /// <summary>The namespace of the project a using line names (the longest declared one it starts with).</summary>
    private string? Owner(string target, IEnumerable<string> namespaces) =>
        namespaces.Where(ns => target == ns || target.StartsWith(ns + ".", StringComparison.Ordinal))
            .OrderByDescending(ns => ns.Length).FirstOrDefault();

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType && type.GetElementType() is { } element) return Flatten(element);
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
            return type.GetGenericArguments().SelectMany(Flatten).Prepend(type.GetGenericTypeDefinition());
        return [type];
    }

    /// <summary>Tarjan's algorithm: the strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, List<string>> next)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<List<string>>();
        var counter = 0;

        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in next.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            components.Add(component);
        }

        foreach (var v in next.Keys.Order(StringComparer.Ordinal))
            if (!index.ContainsKey(v)) Visit(v);
        return components;
    }

    /// <summary>A shortest path from the component's first node back to itself, staying inside it.</summary>
    private static List<string> PathWithin(List<string> component, Dictionary<string, List<string>> next)
    {
        var members = component.ToHashSet();
        var start = component.Min(StringComparer.Ordinal)!;
        var parent = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var w in (next.GetValueOrDefault(v) ?? []).Where(members.Contains))
            {
                if (w == start)
                {
                    var path = new List<string> { start };
                    for (var at = v; at != start; at = parent[at]) path.Insert(1, at);
                    path.Add(start);
                    return path;
                }
                if (parent.TryAdd(w, v)) queue.Enqueue(w);
            }
        }
        throw new InvalidOperationException("A strongly connected component always has a cycle.");
    }

    private static string? NamespaceOf(string code) => NamespaceLine().Match(code) is { Success: true } m ? m.Groups["name"].Value : null;

    /// <summary>
    /// A reference to one of <paramref name="types"/> of <paramref name="ns"/> by a qualified name:
    /// <c>global::BudgetPortal.Domain.Checks.T</c>, <c>BudgetPortal.Domain.Checks.T</c>, <c>Domain.Checks.T</c>
    /// or <c>Checks.T</c> — not a member access such as <c>d.Checks.T</c> (no dot or letter before the
    /// name). A type of the root namespace is seen by every namespace under it, so its plain name counts too.
    /// </summary>
    private static Regex Qualified(string root, string ns, IEnumerable<string> types)
    {
        static string Dotted(IEnumerable<string> parts) => string.Concat(parts.Select(p => Regex.Escape(p) + @"\s*\.\s*"));
        var rootParts = root.Split('.');
        // Every suffix of the root can start a name: BudgetPortal.Domain.X, Domain.X, X.
        var prefixes = Enumerable.Range(0, rootParts.Length + 1).Select(skip => Dotted(rootParts.Skip(skip)));
        var relative = ns == root ? "" : Dotted(ns[(root.Length + 1)..].Split('.'));
        var names = string.Join("|", types.Order(StringComparer.Ordinal).Select(Regex.Escape));
        return new Regex($@"(?<![\w.])(?:global::)?(?:{string.Join("|", prefixes.Select(p => "(?:" + p + ")"))}){relative}(?:{names})\b");
    }

    /// <summary>The code without its comments (a comment may name anything); string contents are kept, they rarely look like a type name.</summary>
    public static string WithoutComments(string code) => Comment().Replace(code, m => m.Value.StartsWith('/') ? " " : m.Value);

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""|@""(?:[^""]|"""")*""|//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?:global::)?(?<target>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record(?:\s+(?:class|struct))?|delegate\s+[\w<>\[\]?,\s.]+?)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex TypeDeclaration();
}

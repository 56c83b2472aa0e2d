namespace BudgetPortal.Domain.Classification;

/// <summary>Where a code was found: the year's catalog, only the previous year's, or in neither.</summary>
public enum CatalogStatus
{
    InCatalog,
    /// <summary>Only in the previous year's catalog (a 项 that fell to 0.00 in 说明五(三), a renamed or retired code).</summary>
    PreviousYear,
    /// <summary>Well formed but in neither catalog: accepted with the name as typed, and reported by a warning check.</summary>
    NotInCatalog,
}

/// <summary>A code as the catalog knows it (Name is null when neither catalog has it).</summary>
public sealed record CatalogEntry(string Code, string? Name, CatalogStatus Status)
{
    public int Level => ClassificationCode.LevelOf(Code);
}

/// <summary>
/// The classification codes an officer may use in a year: the year's catalog (or the nearest earlier
/// year's when the year has none loaded yet) and the previous year's. A well-formed code is never
/// refused; what is not in the catalog is only reported.
/// </summary>
public sealed class ClassificationCatalog
{
    private readonly Dictionary<string, ClassificationCode> _current;
    private readonly Dictionary<string, ClassificationCode> _previous;

    public ClassificationCatalog(ClassificationScheme scheme, int year, IEnumerable<ClassificationCode> current, IEnumerable<ClassificationCode> previous)
    {
        Scheme = scheme;
        Year = year;
        _current = current.GroupBy(c => c.Code).ToDictionary(g => g.Key, g => g.First());
        _previous = previous.GroupBy(c => c.Code).ToDictionary(g => g.Key, g => g.First());
    }

    public ClassificationScheme Scheme { get; }
    /// <summary>The year the codes are used in.</summary>
    public int Year { get; }
    /// <summary>The year whose catalog is the current one (Year, or the nearest earlier loaded year); null when none is loaded.</summary>
    public int? CurrentCatalogYear => _current.Count == 0 ? null : _current.Values.First().Year;
    /// <summary>The year of the previous catalog (the one before <see cref="CurrentCatalogYear"/>); null when none is loaded.</summary>
    public int? PreviousCatalogYear => _previous.Count == 0 ? null : _previous.Values.First().Year;
    public IEnumerable<ClassificationCode> Current => _current.Values.OrderBy(c => c.Code, StringComparer.Ordinal);
    public bool IsEmpty => _current.Count == 0 && _previous.Count == 0;

    /// <summary>The code's entry: its catalog name and where it was found.</summary>
    public CatalogEntry Entry(string code) =>
        _current.TryGetValue(code, out var c) ? new CatalogEntry(code, c.Name, CatalogStatus.InCatalog)
        : _previous.TryGetValue(code, out var p) ? new CatalogEntry(code, p.Name, CatalogStatus.PreviousYear)
        : new CatalogEntry(code, null, CatalogStatus.NotInCatalog);

    /// <summary>The catalog name of a code (this year's, else last year's), or null.</summary>
    public string? NameOf(string code) => Entry(code).Name;

    /// <summary>Why a budget line may not name the code (its row could not be named), or null when the catalog lists it.</summary>
    public string? Unlisted(string code) =>
        NameOf(code) is null ? $"{ClassificationCode.Printed(code)} 不在 {Year} 年的{Scheme.Label()}目录中" : null;

    /// <summary>
    /// What the officer typed: a code (2011350, 201 13 50, 201-13-50) is always found — in a catalog or
    /// not; a name is looked up in this year's catalog, then last year's (exact, else the only one
    /// containing it). Null with the problem in Chinese when the text is neither.
    /// </summary>
    public CatalogEntry? Resolve(string input, out string? problem)
    {
        problem = null;
        var text = input.Trim();
        if (ClassificationCode.Normalize(text) is { } code)
        {
            if (Scheme == ClassificationScheme.Economic && code.Length == 7)
            {
                problem = $"经济分类科目编码“{text}”无效：经济分类只有类（3 位）、款（5 位）两级。";
                return null;
            }
            return Entry(code);
        }
        if (text.Any(char.IsAsciiDigit) && !text.Any(c => c > 0x7F))
        {
            problem = $"科目编码“{text}”无效：应为 3 位（类）、5 位（款）{(Scheme == ClassificationScheme.Functional ? "或 7 位（项）" : "")}数字。";
            return null;
        }
        foreach (var (catalog, status) in new[] { (_current, CatalogStatus.InCatalog), (_previous, CatalogStatus.PreviousYear) })
        {
            var exact = catalog.Values.Where(c => c.Name == text).ToList();
            var partial = exact.Count > 0 ? exact : catalog.Values.Where(c => c.Name.Contains(text, StringComparison.Ordinal)).ToList();
            if (partial.Count == 1) return new CatalogEntry(partial[0].Code, partial[0].Name, status);
            if (partial.Count > 1)
            {
                problem = $"“{text}”对应多个科目（{string.Join("、", partial.OrderBy(c => c.Code, StringComparer.Ordinal).Take(5).Select(c => $"{c.Code} {c.Name}"))}{(partial.Count > 5 ? "……" : "")}），请输入编码。";
                return null;
            }
        }
        problem = $"分类目录中没有“{text}”。请输入科目编码（目录外的编码也可以使用，名称按文件填写）。";
        return null;
    }

    /// <summary>Codes and names matching what is typed (code prefix or part of the name), in code order.</summary>
    public IReadOnlyList<CatalogEntry> Search(string? text, int limit)
    {
        var query = (text ?? "").Trim();
        var digits = ClassificationCode.Normalize(query) ?? new string(query.Where(c => !char.IsWhiteSpace(c)).ToArray());
        bool Matches(ClassificationCode c) => query.Length == 0 ||
            (digits.All(char.IsAsciiDigit) ? c.Code.StartsWith(digits, StringComparison.Ordinal) : c.Name.Contains(query, StringComparison.Ordinal));
        return _current.Values.Where(Matches).Select(c => new CatalogEntry(c.Code, c.Name, CatalogStatus.InCatalog))
            .Concat(_previous.Values.Where(c => !_current.ContainsKey(c.Code) && Matches(c)).Select(c => new CatalogEntry(c.Code, c.Name, CatalogStatus.PreviousYear)))
            .OrderBy(e => e.Code, StringComparer.Ordinal).Take(limit).ToList();
    }
}

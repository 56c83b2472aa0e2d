using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Disclosures;

/// <summary>
/// One version of a department's 部门预算公开 for a fiscal year: 部门概况, the eleven tables,
/// 情况说明 with the performance sheets, and the sign-off (名词解释 is per year, see Glossary).
/// A published version never changes; a correction is a new version with its reason.
/// </summary>
public sealed class Disclosure : INoteSource
{
    private readonly List<BudgetTable> _tables = [];
    private readonly List<NoteSection> _notes = [];
    private readonly List<PerformanceSheet> _sheets = [];
    private readonly List<PublishedCheck> _publishedChecks = [];
    private readonly List<BudgetLine> _lines = [];

    private Disclosure() { }

    public Disclosure(Department department, int fiscalYear, int version = 1)
    {
        if (fiscalYear is < 2000 or > 2100)
            throw new DomainException($"预算年度 {fiscalYear} 无效：应为 2000–2100 之间的年份。");
        if (version < 1)
            throw new DomainException("版本号从 1 开始。");
        Department = department;
        DepartmentId = department.Id;
        FiscalYear = fiscalYear;
        Version = version;
        Status = DisclosureStatus.Draft;
        CreatedAt = DateTimeOffset.UtcNow;
        UpdatedAt = CreatedAt;
    }

    public int Id { get; private set; }
    public int DepartmentId { get; private set; }
    public Department Department { get; private set; } = null!;
    public int FiscalYear { get; private set; }
    public int Version { get; private set; }
    public DisclosureStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>Why this version corrects the previous one (required for version 2 and later).</summary>
    public string? CorrectionReason { get; private set; }

    /// <summary>The reviewer's comments when the disclosure was last returned.</summary>
    public string? ReviewComment { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    /// <summary>The published source this disclosure was transcribed or imported from, if any.</summary>
    public string? SourceDocument { get; private set; }

    /// <summary>The document prints a cover and 目 录 before 第一部分.</summary>
    public bool HasCover { get; private set; }

    public Overview Overview { get; private set; } = new();
    public SignOff SignOff { get; private set; } = new();

    /// <summary>PostgreSQL xmin: optimistic concurrency.</summary>
    public uint RowVersion { get; private set; }

    public IReadOnlyList<BudgetTable> Tables => _tables.OrderBy(t => t.Kind).ToList();

    /// <summary>Whether the figures are kept as budget lines (tables derived, read-only) or as the tables themselves.</summary>
    public BudgetBasis Basis { get; private set; }

    public bool IsLineBased => Basis == BudgetBasis.Lines;

    /// <summary>The budget lines of a line-based version, in the officer's order (empty for a table-based one).</summary>
    public IReadOnlyList<BudgetLine> Lines => _lines.OrderBy(l => l.Ordinal).ToList();
    public IReadOnlyList<NoteSection> Notes => _notes.OrderBy(n => n.Ordinal).ToList();
    public IReadOnlyList<PerformanceSheet> PerformanceSheets => _sheets.OrderBy(s => s.Ordinal).ToList();

    public bool IsPublished => Status == DisclosureStatus.Published;

    /// <summary>The department name printed as 编制部门 (the sign-off name, else the department's).</summary>
    public string DepartmentName => string.IsNullOrEmpty(SignOff.Name) ? Department.Name : SignOff.Name;

    string INoteSource.DepartmentCode => Department.Code;

    private ClassificationCatalog? _functionalCatalog;

    ClassificationCatalog? INoteSource.FunctionalCatalog => _functionalCatalog;

    /// <summary>
    /// The year's 功能分类 catalog, which names in the notes a 类 that a table gives without its name (not
    /// stored: reference data the caller loads, as the printed tables take it), for reading a disclosure (its
    /// checks, a note's form). Every change that drafts the notes again takes the catalog as its parameter
    /// (<see cref="SetTables"/>, <see cref="SetSignOff"/>, <see cref="DraftNotes"/>; <see cref="SetLines"/>
    /// from its catalogs), so that every save path names 类 the same way.
    /// </summary>
    public void NameCategoriesFrom(ClassificationCatalog? functional) => _functionalCatalog = functional;

    public BudgetTable Table(TableKind kind) =>
        _tables.FirstOrDefault(t => t.Kind == kind) ?? new BudgetTable(kind, []);

    public TableSchema Schema(TableKind kind) => TableSchemas.For(kind, FiscalYear);

    public NoteSection? Note(string key) => _notes.FirstOrDefault(n => n.Key == key);

    public PerformanceSheet? DepartmentSheet => _sheets.FirstOrDefault(s => s.Kind == SheetKind.Department);
    public IEnumerable<PerformanceSheet> ProjectSheets => PerformanceSheets.Where(s => s.Kind == SheetKind.Project);

    public void SetSource(string? sourceDocument, bool hasCover)
    {
        EnsureEditable();
        SourceDocument = TextLimits.Check(sourceDocument, TextLimits.SourceDocument, "来源文件名");
        HasCover = hasCover;
        Touch();
    }

    public void SetOverview(Overview overview)
    {
        EnsureEditable();
        TextLimits.Check(overview.UnitWord, TextLimits.UnitWord, "部门概况的内设机构称谓（科室/处室）");
        foreach (var text in overview.Functions.Concat(overview.StructureText).Concat(overview.InternalUnits))
            TextLimits.CheckNul(text, "部门概况");
        Overview = overview;
        Touch();
    }

    /// <summary>Sets the closing lines; the drafted notes, which name the department, follow a new name.</summary>
    /// <param name="functional">The year's 功能分类 catalog, naming 类 in the notes drafted again (<see cref="NameCategoriesFrom"/>).</param>
    public void SetSignOff(SignOff signOff, ClassificationCatalog? functional)
    {
        EnsureEditable();
        TextLimits.Check(signOff.Name, TextLimits.SignOffName, "落款单位");
        TextLimits.Check(signOff.Text, TextLimits.SignOffText, "落款日期行");
        EnsureStoredAmountsInRange();
        var before = DepartmentName;
        SignOff = signOff;
        if (DepartmentName != before) RedraftNotes(PriorYearFigures.FromNoteLines(this), functional, renamedFrom: before);
        Touch();
    }

    /// <param name="functional">The year's 功能分类 catalog, naming 类 in the notes drafted again (<see cref="NameCategoriesFrom"/>).</param>
    public void SetTable(BudgetTable table, ClassificationCatalog? functional) => SetTables([table], functional);

    /// <summary>
    /// Replaces several tables (a workbook upload, a document) and drafts the notes once after all of
    /// them, not once per table.
    /// </summary>
    /// <param name="functional">The year's 功能分类 catalog, naming 类 in the notes drafted again (<see cref="NameCategoriesFrom"/>).</param>
    public void SetTables(IEnumerable<BudgetTable> tables, ClassificationCatalog? functional)
    {
        EnsureEditable();
        if (IsLineBased)
            throw new DomainException("本稿按预算明细编制，十一张表由明细生成，不能直接修改表格；请修改预算明细，或先把本稿改为按表格编制。");
        StoreTables(tables, functional);
    }

    /// <summary>
    /// Makes the version line-based with these lines and derives its eleven tables from them (and the notes
    /// from the tables, as for any table). Every line's codes must be in the year's catalogs.
    /// </summary>
    public void SetLines(IEnumerable<BudgetLine> lines, YearCatalogs catalogs)
    {
        EnsureEditable();
        var list = lines.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if ((catalogs.Functional.Unlisted(list[i].FunctionalCode) ?? catalogs.Economic.Unlisted(list[i].EconomicCode)) is { } unlisted)
                throw new DomainException($"预算明细第 {i + 1} 行：{unlisted}。");
        }
        var tables = LineDerivation.Derive(list, FiscalYear, catalogs, DepartmentName);
        _lines.Clear();
        for (var i = 0; i < list.Count; i++) { list[i].Ordinal = i; _lines.Add(list[i]); }
        Basis = BudgetBasis.Lines;
        StoreTables(tables, catalogs.Functional);
    }

    /// <summary>
    /// Makes a line-based version table-based again: the derived tables stay as they are and become
    /// editable; the lines are dropped.
    /// </summary>
    public void KeepTablesOnly()
    {
        EnsureEditable();
        _lines.Clear();
        Basis = BudgetBasis.Tables;
        Touch();
    }

    private void StoreTables(IEnumerable<BudgetTable> tables, ClassificationCatalog? functional)
    {
        foreach (var table in tables) ReplaceTable(table);
        EnsureStoredAmountsInRange();
        // The notes drafted by the portal follow the tables; last year's figures are the ones they state.
        // (So a table is set on a disclosure loaded with all its tables and notes: WorkspaceQueries.CompleteAsync.)
        RedraftNotes(PriorYearFigures.FromNoteLines(this), functional);
        Touch();
    }

    private void ReplaceTable(BudgetTable table)
    {
        var schema = Schema(table.Kind);
        foreach (var row in table.Rows)
        {
            foreach (var cell in row.Cells)
            {
                var column = schema.Columns.FirstOrDefault(c => c.Key == cell.Column)
                    ?? throw new DomainException($"表{table.Number}“{RowLabel(row)}”行的列“{cell.Column}”不存在。");
                // Every figure enters the aggregate here (forms, workbook, import, documents, next year).
                AmountLimits.Check(cell.Amount, $"表{table.Number}“{RowLabel(row)}”行“{column.Header}”列");
            }
            if (row.Kind == RowKind.Fixed && schema.FixedRows.All(f => f.Key != row.Key))
                throw new DomainException($"表{table.Number}没有固定行“{row.Key}”。");
        }
        _tables.RemoveAll(t => t.Kind == table.Kind);
        _tables.Add(table);
    }

    /// <summary>
    /// A draft stored before amounts were bounded may hold one the notes cannot be drafted from (its sums
    /// overflow): refused with where it is, so the officer corrects that table first (saving it replaces it).
    /// </summary>
    private void EnsureStoredAmountsInRange()
    {
        foreach (var table in _tables)
            foreach (var row in table.Rows)
                foreach (var cell in row.Cells)
                    if (AmountLimits.IsOutOfRange(cell.Amount))
                        AmountLimits.Check(cell.Amount, $"此前保存的表{table.Number}“{RowLabel(row)}”行“{Schema(table.Kind).Columns.FirstOrDefault(c => c.Key == cell.Column)?.Header ?? cell.Column}”列（请先改正表{table.Number}）");
    }

    private static string RowLabel(TableRow row) =>
        row.Kind == RowKind.Total ? "总计" : string.Join(" ", new[] { row.Code, row.Name, row.Project, row.Key }
            .Where(t => !string.IsNullOrEmpty(t)).Select(t => TextLimits.Preview(t!)));

    /// <summary>
    /// Drafts 情况说明 from the tables and <paramref name="prior"/>: adds each section the portal drafts
    /// (<see cref="NoteDrafter.DraftedKeys"/>) that is not there yet, with its standard heading (and the
    /// headings 五 and 十二, which print nothing else), and
    /// writes each section drafted by the portal (<see cref="NoteSection.IsDrafted"/>) again. The
    /// wording a person typed into a section's lines (主要原因, 主要用于, 政策依据 …) and its heading are
    /// kept; a section imported or typed as text is left as it is.
    /// </summary>
    /// <param name="functional">The year's 功能分类 catalog, naming 类 in the notes drafted (<see cref="NameCategoriesFrom"/>).</param>
    public void DraftNotes(PriorYearFigures prior, ClassificationCatalog? functional)
    {
        EnsureEditable();
        _functionalCatalog = functional;
        var drafter = new NoteDrafter(this, prior);
        var missing = NoteDrafter.DraftedKeys.Where(k => Note(k) is null)
            .Select(k => drafter.DraftedSection(k, NoteKeys.DefaultHeading(k, DepartmentName, FiscalYear)))
            .Concat(NoteKeys.HeadingOnly.Where(k => Note(k) is null).Select(k => new NoteSection(k, NoteKeys.DefaultHeading(k, DepartmentName, FiscalYear), [])))
            .ToList();
        RedraftNotes(prior, functional);
        if (missing.Count > 0) SetNotes(_notes.Concat(missing));
        Touch();
    }

    /// <summary>
    /// Writes the drafted sections again. Every section is computed before any is replaced, since a
    /// section's typed wording is read from the stored notes. A heading still the standard one of
    /// <paramref name="renamedFrom"/> takes the department's new name.
    /// </summary>
    private void RedraftNotes(PriorYearFigures prior, ClassificationCatalog? functional, string? renamedFrom = null)
    {
        _functionalCatalog = functional;
        var drafted = _notes.Where(n => n.IsDrafted).ToList();
        if (drafted.Count == 0) return;
        var drafter = new NoteDrafter(this, prior);
        var fresh = drafted.Select(n => drafter.DraftedSection(n.Key, n.Heading)).ToList();
        foreach (var (stored, section) in drafted.Zip(fresh))
        {
            var heading = renamedFrom is not null && stored.Heading == NoteKeys.DefaultHeading(stored.Key, renamedFrom, FiscalYear)
                ? NoteKeys.DefaultHeading(stored.Key, DepartmentName, FiscalYear) : null;
            stored.Redraft(section.Paragraphs, section.Lines, section.Figures, heading);
        }
    }

    public void SetNotes(IEnumerable<NoteSection> sections)
    {
        EnsureEditable();
        var list = sections.ToList();
        var duplicate = list.GroupBy(s => s.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new DomainException($"情况说明的节 {NoteKeys.Label(duplicate.Key)} 重复。");
        foreach (var section in list) CheckLimits(section);
        _notes.Clear();
        var i = 0;
        foreach (var s in list.OrderBy(s => NoteKeys.All.ToList().IndexOf(s.Key))) { s.Ordinal = i++; _notes.Add(s); }
        Touch();
    }

    public void SetPerformanceSheets(IEnumerable<PerformanceSheet> sheets)
    {
        EnsureEditable();
        var list = sheets.ToList();
        if (list.Count(s => s.Kind == SheetKind.Department) > 1)
            throw new DomainException("部门整体绩效目标表只能有一张。");
        foreach (var sheet in list) CheckLimits(sheet);
        _sheets.Clear();
        var i = 0;
        foreach (var s in list) { s.Ordinal = i++; _sheets.Add(s); }
        Touch();
    }

    /// <summary>The texts and figures of a section within what is stored (情况说明五(一)的标题 …).</summary>
    private static void CheckLimits(NoteSection section)
    {
        var where = $"情况说明{NoteKeys.Label(section.Key)}";
        TextLimits.Check(section.Heading, TextLimits.NoteHeading, $"{where}的标题");
        foreach (var p in section.Paragraphs) TextLimits.CheckNul(p, where);
        foreach (var line in section.Lines)
        {
            var at = $"{where}“{TextLimits.Preview(line.Label ?? line.Key)}”";
            foreach (var field in NoteLineField.Written) field.Check(line, at);
        }
        foreach (var figure in section.Figures)
        {
            TextLimits.Check(figure.Key, TextLimits.NoteFigureKey, $"{where}的数据项标识");
            TextLimits.CheckNul(figure.Text, $"{where}的数据项“{figure.Key}”");
            AmountLimits.CheckQuoted(figure.Number, $"{where}的数据项“{figure.Key}”");
        }
    }

    /// <summary>The header fields and funds of a sheet within what is stored; funds are amounts like the tables'.</summary>
    private static void CheckLimits(PerformanceSheet sheet)
    {
        var where = $"{sheet.Title}“{TextLimits.Preview(sheet.Name)}”";
        TextLimits.Check(sheet.Name, TextLimits.SheetName, sheet.Kind == SheetKind.Department ? $"{sheet.Title}的部门名称" : $"{sheet.Title}的项目名称");
        TextLimits.Check(sheet.Unit, TextLimits.SheetUnit, $"{where}的预算单位");
        TextLimits.Check(sheet.Contact, TextLimits.SheetContact, $"{where}的{(sheet.Kind == SheetKind.Department ? "部门联系人" : "项目负责人")}");
        TextLimits.Check(sheet.Phone, TextLimits.SheetPhone, $"{where}的联系电话");
        TextLimits.CheckNul(sheet.Goal, $"{where}的绩效目标");
        foreach (var (amount, label) in new[] { (sheet.FundsSuperior, "上级安排"), (sheet.FundsLocal, "本级安排"), (sheet.FundsTotal, "年度预算总额"),
                     (sheet.FundsFiscal, "财政拨款"), (sheet.FundsOther, "其他资金") })
            if (amount is { } a) AmountLimits.Check(a, $"{where}的{label}");
        foreach (var i in sheet.Indicators)
            foreach (var field in IndicatorField.All) field.Check(i, $"{where}的指标“{TextLimits.Preview(i.Level3)}”");
    }

    /// <summary>Officers may change a draft or a returned disclosure, never a submitted or published one.</summary>
    public bool IsEditable => Status is DisclosureStatus.Draft or DisclosureStatus.Returned;

    /// <summary>Sends the disclosure to review. The caller has run the checks: none may be an error.</summary>
    public void Submit(DateTimeOffset at, int blockingErrors)
    {
        if (!IsEditable)
            throw new DomainException("只有草稿或退回修改的公开内容可以提交审核。");
        if (blockingErrors > 0)
            throw new DomainException($"数据核验有 {blockingErrors} 项错误，改正后才能提交审核。");
        Status = DisclosureStatus.Submitted;
        SubmittedAt = at.ToUniversalTime();
        UpdatedAt = SubmittedAt.Value;
    }

    /// <summary>A reviewer sends a submitted disclosure back with what to change.</summary>
    public void Return(string comment)
    {
        if (Status != DisclosureStatus.Submitted)
            throw new DomainException("只有已提交审核的公开内容可以退回。");
        if (string.IsNullOrWhiteSpace(comment))
            throw new DomainException("退回时必须填写审核意见，说明需要修改什么。");
        ReviewComment = TextLimits.Check(comment.Trim(), TextLimits.ReviewComment, "审核意见");
        Status = DisclosureStatus.Returned;
        Touch();
    }

    /// <summary>
    /// The next version of a published disclosure, a draft with the same content and the reason it
    /// corrects this one; it is edited, submitted and published like any draft.
    /// </summary>
    public Disclosure StartCorrection(string reason)
    {
        if (!IsPublished)
            throw new DomainException("只有已发布的公开内容才需要更正；草稿可以直接修改。");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("更正已发布的公开内容必须填写更正原因。");
        var next = new Disclosure(Department, FiscalYear, Version + 1)
        {
            CorrectionReason = TextLimits.Check(reason.Trim(), TextLimits.CorrectionReason, "更正原因"),
            SourceDocument = SourceDocument, HasCover = HasCover,
            Overview = Overview.Copy(), SignOff = SignOff.Copy(),
        };
        // Each part copies itself (an owned part never has two owners): the same content, drafted sections still drafted.
        next._tables.AddRange(_tables.Select(t => t.Copy()));
        next._notes.AddRange(Notes.Select(n => n.Copy()));
        next._sheets.AddRange(PerformanceSheets.Select(s => s.Copy()));
        next._lines.AddRange(Lines.Select(l => l.Copy()));
        next.Basis = Basis;
        return next;
    }

    /// <summary>Freezes this version. From here on nothing of it changes.</summary>
    /// <param name="at">When it is published.</param>
    /// <param name="checks">The consistency checks the caller ran on the complete disclosure (Checks), frozen
    /// with the figures: the aggregate does not run its own auditor.</param>
    /// <param name="correctionReason">Why a version 2 or later corrects the previous one, if not given when it was started.</param>
    public void Publish(DateTimeOffset at, CheckReport checks, string? correctionReason = null)
    {
        if (IsPublished)
            throw new DomainException($"{FiscalYear} 年第 {Version} 版已经发布，不能重复发布。");
        if (Version > 1 && string.IsNullOrWhiteSpace(correctionReason ?? CorrectionReason))
            throw new DomainException("更正已发布的公开内容必须填写更正原因。");
        if (correctionReason is not null) CorrectionReason = TextLimits.Check(correctionReason.Trim(), TextLimits.CorrectionReason, "更正原因");
        // The check results are frozen with the figures.
        _publishedChecks.Clear();
        _publishedChecks.AddRange(checks.Results.Select((r, i) => new PublishedCheck(i, r)));
        Status = DisclosureStatus.Published;
        PublishedAt = at.ToUniversalTime();
        UpdatedAt = PublishedAt.Value;
    }

    /// <summary>The consistency checks as they stood at publication (empty for a draft).</summary>
    public IReadOnlyList<PublishedCheck> PublishedChecks => _publishedChecks.OrderBy(c => c.Ordinal).ToList();

    /// <summary>The frozen report of a published version, or null where none was recorded.</summary>
    public CheckReport? FrozenChecks =>
        _publishedChecks.Count == 0 ? null : new CheckReport(PublishedChecks.Select(c => c.ToResult()).ToList());

    public void EnsureEditable()
    {
        if (Status == DisclosureStatus.Submitted)
            throw new DomainException($"{Department?.Name} {FiscalYear} 年第 {Version} 版已提交审核，不能修改；需要修改请审核员退回。");
        if (IsPublished)
            throw new DomainException($"{Department?.Name} {FiscalYear} 年第 {Version} 版已发布，不能修改；更正请新建版本并说明原因。");
    }

    private void Touch() => UpdatedAt = DateTimeOffset.UtcNow;
}

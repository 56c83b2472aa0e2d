using System.Globalization;
using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Pages.Workspace;

/// <summary>
/// One section of 第三部分 情况说明. The drafted sections (一–七, 十, 十一, 十二(一)(四)) are written from
/// the tables: the officer types only the human wording (主要原因, 主要用于, 政策依据, 资金分配, 执行时间) and,
/// where the portal has no last-year disclosure, last year's figures; 八 and 九 print the empty-table
/// sentence (typed text when the table is not empty); 十二(二)(三) are composed from typed figures;
/// 十二(五) is typed. The structured lines and figures are stored beside the paragraphs for the checks.
/// A drafted section saved here is drafted by the portal (NoteSection.IsDrafted) and follows every later
/// table save on its own; reviewers read the form without changing it.
/// </summary>
public sealed class NoteModel(BudgetDbContext db, DraftEditor editor, DisclosureReader reader) : DraftFormModel<NoteSection>(editor)
{
    [BindProperty] public NoteInput Input { get; set; } = new();

    public string Key { get; private set; } = "";
    public string Label => NoteKeys.Label(Key);
    /// <summary>Last year's published disclosure of the department, when the portal has it (its figures are not typed).</summary>
    public bool HasPriorDisclosure { get; private set; }
    public IReadOnlyList<string> Preview { get; private set; } = [];
    /// <summary>The section as stored: null when never saved.</summary>
    public NoteSection? Stored { get; private set; }
    /// <summary>Last year's published disclosure of the department, for its figures and wording beside the fields.</summary>
    public Disclosure? LastYear { get; private set; }
    /// <summary>The section after this one, in printed order (null after 十二(五)).</summary>
    public string? NextKey => NoteKeys.All.SkipWhile(k => k != Key).Skip(1).FirstOrDefault();

    private PriorYearFigures _prior = new();
    /// <summary>五(三): the printed label of each 项 of last year's catalog, for a 项 budgeted only last year.</summary>
    private Dictionary<string, string> _itemLabels = [];

    public bool IsDrafted => NoteDrafter.DraftedKeys.Contains(Key);
    public bool TypesParagraphs => Key == "12.5" || (Key is "8" or "9" && !EmptyTable);
    public bool EmptyTable => Key is "8" or "9" && Disclosure.Table(Key == "8" ? TableKind.GovernmentFund : TableKind.StateCapital).IsEmpty;
    public bool HasPriorColumn => Key is "2" or "3" or "5.1" or "5.3" or "10" or "12.1";

    public sealed class NoteInput
    {
        public uint Token { get; set; }
        public string? Heading { get; set; }
        public List<LineInput> Lines { get; set; } = [];
        /// <summary>Typed paragraphs (十二(五), 八 and 九 when their table is not empty), one per line.</summary>
        public string? Paragraphs { get; set; }
        /// <summary>十二(二) and 十二(三) figures by key.</summary>
        public Dictionary<string, string?> Figures { get; set; } = [];

        /// <summary>五(三): a 项 budgeted last year but not this year, to add as a row (code or 201 31 50).</summary>
        public string? AddItem { get; set; }
    }

    public sealed class LineInput
    {
        public string Key { get; set; } = "";
        public string? Label { get; set; }
        public string? Prior { get; set; }
        /// <summary>The wording typed into the section's <see cref="TextFields"/>, by field key (reason, policyBasis …).</summary>
        public Dictionary<string, string?> Fields { get; set; } = [];
        /// <summary>The wording was offered from last year's note (not yet saved this year).</summary>
        public bool FromLastYear { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, string key, CancellationToken ct)
    {
        if (await LoadAsync(id, key, ct, reading: true) is { } denied) return denied;
        var stored = Disclosure.Note(Key);
        Input = new NoteInput
        {
            Token = Disclosure.RowVersion,
            Heading = stored?.Heading is { Length: > 0 } h ? h : DefaultHeading(),
            Lines = Rows(stored),
            Paragraphs = TypesParagraphs ? string.Join("\n", stored?.Paragraphs is { Count: > 0 } ps ? ps : Key == "12.5" ? ["本部门无其他需说明事项。"] : []) : null,
            Figures = FigureInputs(stored),
        };
        Preview = Disclosure.IsEditable ? Compose(validate: false)?.Paragraphs ?? [] : stored?.Paragraphs ?? [];
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int id, string key, CancellationToken ct) => SaveAsync(id, key, next: false, ct);

    /// <summary>保存并下一节: saves, then opens the next section (the disclosure's page after the last one).</summary>
    public Task<IActionResult> OnPostNextAsync(int id, string key, CancellationToken ct) => SaveAsync(id, key, next: true, ct);

    private async Task<IActionResult> SaveAsync(int id, string key, bool next, CancellationToken ct)
    {
        if (await LoadAsync(id, key, ct) is { } denied) return denied;
        Unsaved = true;
        if (!DraftEditor.IsEditable(Disclosure, ModelState)) return Page();
        var section = Compose(validate: true);
        Preview = section?.Paragraphs ?? [];
        if (!ModelState.IsValid || section is null) return Page();

        if (!await SaveAsync(Input.Token, new DraftChange($"保存情况说明{Label}", $"说明{Label}"),
                d => d.SetNotes(d.Notes.Where(n => n.Key != Key).Append(section)), d => d.Note(Key), t => Input.Token = t, ct))
            return Page();
        TempData["Message"] = $"情况说明{Label}已保存。";
        if (!next) return Redirect($"/workspace/disclosures/{id}/notes/{Key}");
        return NextKey is { } following ? Redirect($"/workspace/disclosures/{id}/notes/{following}") : Redirect($"/workspace/disclosures/{id}");
    }

    /// <summary>五(三): adds a row for a 项 that had a budget last year and has none this year (nothing is saved yet).</summary>
    public async Task<IActionResult> OnPostAddItemAsync(int id, string key, CancellationToken ct)
    {
        if (await LoadAsync(id, key, ct) is { } denied) return denied;
        if (Key != "5.3" || !Disclosure.IsEditable) return BadRequest();
        Unsaved = true;
        var code = BudgetPortal.Domain.Classification.ClassificationCode.Normalize(Input.AddItem);
        ModelState.Clear();
        if (code is null || code.Length != 7)
            ModelState.AddModelError("Input.AddItem", "请填写 7 位功能分类项级科目编码，如 2013101 或 201 31 01。");
        else if (!_itemLabels.ContainsKey(code))
            ModelState.AddModelError("Input.AddItem", $"科目编码 {code} 不在 {Disclosure.FiscalYear - 1} 年的功能分类科目中。");
        else if (Input.Lines.Any(l => l.Key == code) || Disclosure.Table(TableKind.GeneralBudget).ByCode(code) is not null)
            ModelState.AddModelError("Input.AddItem", $"{_itemLabels[code]} 已在表中。");
        else
        {
            Input.Lines.Add(new LineInput { Key = code, Label = _itemLabels[code] });
            Input.AddItem = null;
        }
        var expected = Rows(Disclosure.Note(Key));
        // Keep what was typed in the other rows, in the order the section prints them.
        Input.Lines = expected.Select(row => Input.Lines.FirstOrDefault(l => l.Key == row.Key) is { } typed
            ? Merge(typed, row) : row).ToList();
        Preview = Compose(validate: false)?.Paragraphs ?? [];
        return Page();

        static LineInput Merge(LineInput typed, LineInput row)
        {
            typed.Label = row.Label;
            return typed;
        }
    }

    public string DefaultHeading() => NoteKeys.DefaultHeading(Key, Disclosure.DepartmentName, Disclosure.FiscalYear);

    /// <summary>The rows of human wording (and last year's amount) the section asks for, filled from what is stored.</summary>
    private List<LineInput> Rows(NoteSection? stored)
    {
        // 说明四's and 十一's 主要用于 exist only once a line has an amount: last year's wording of the same 类 or project is offered.
        string? LastPurpose(string key, string? label) => Key is "4" or "11"
            ? NextYear.MovedWording(LastYear?.Note(Key)?.Lines.FirstOrDefault(l => Key == "4" ? l.Key == key : l.Label == label)?.Purpose,
                Disclosure.FiscalYear - 1, Disclosure.FiscalYear) : null;
        LineInput Row(string key, string? label, NoteLine? typed)
        {
            var row = new LineInput
            {
                Key = key, Label = label,
                Prior = HasPriorColumn ? Typed(_prior.AmountOf(Key, key)) : null,
                Fields = TextFields.ToDictionary(f => f.Key, f => typed is null ? null : f.Text(typed)),
                FromLastYear = typed?.Purpose is null && LastPurpose(key, label) is not null,
            };
            if (row.FromLastYear) row.Fields["purpose"] = LastPurpose(key, label);
            return row;
        }
        NoteLine? Line(string key) => stored?.Line(key);
        NoteLine? ByName(string name, int i) =>
            stored?.Lines.FirstOrDefault(l => l.Label == name) ?? (stored is not null && i < stored.Lines.Count ? stored.Lines[i] : null);

        switch (Key)
        {
            case "2":
                return IncomeSources.All.Select(s => Row(s.Key, s.Label, Line(s.Key))).ToList();
            case "3" or "5.1":
                return [Row("basic", "基本支出", Line("basic")), Row("project", "项目支出", Line("project"))];
            case "4":
                return Disclosure.Table(TableKind.FiscalAppropriation).OfKind(RowKind.Category).Where(r => r.Amount("generalBudget") != 0m)
                    .Select(r => Row(r.Code!, NoteStructure.CategoryName(r, Disclosure), Line(r.Code!))).ToList();
            case "5.3":
            {
                var table5 = Disclosure.Table(TableKind.GeneralBudget);
                // This year's 项, last year's, and any 项 of last year's catalog the officer added.
                var added = Input.Lines.Select(l => l.Key).Where(_itemLabels.ContainsKey);
                var codes = table5.OfKind(RowKind.Item).Select(r => r.Code!).Union(_prior.Items.Select(i => i.Code)).Union(added)
                    .Order(StringComparer.Ordinal);
                return codes.Select(c => Row(c, table5.ByCode(c) is not null ? PriorYearFigures.ItemLabel(table5, c)
                    : _prior.Item(c)?.Label ?? _itemLabels.GetValueOrDefault(c) ?? c, Line(c))).ToList();
            }
            case "7":
                return Disclosure.Table(TableKind.GeneralBudgetProjects).OfKind(RowKind.Project)
                    .Select((p, i) => Row($"project{i + 1}", p.Project ?? p.Name, ByName(p.Project ?? p.Name ?? "", i))).ToList();
            case "10":
                return NoteStructure.ThreePublicItems.Select(i => Row(i.Key, i.Label, Line(i.Key))).ToList();
            case "11":
                return Disclosure.Table(TableKind.Carryover).OfKind(RowKind.Project)
                    .Select((p, i) => Row($"project{i + 1}", p.Project ?? p.Name, ByName(p.Project ?? p.Name ?? "", i))).ToList();
            case "12.1":
                return [Row("operating", "运行经费", Line("operating"))];
            default:
                return [];
        }
    }

    /// <summary>Which human texts a row of this section asks for (the fields are data: NoteLineField).</summary>
    public IReadOnlyList<NoteLineField> TextFields => NoteLineField.TypedIn(Key);

    public IReadOnlyList<(string Key, string Label, bool IsCount)> FigureFields => Key switch
    {
        "12.2" => NoteStructure.ProcurementInputs.Select(i => (i.Key, i.Label, false)).ToList(),
        "12.3" => NoteStructure.AssetInputs,
        _ => [],
    };

    private Dictionary<string, string?> FigureInputs(NoteSection? stored) =>
        FigureFields.ToDictionary(f => f.Key, f => stored?.Number(f.Key) is { } n ? Typed(n) : null);

    private static string Typed(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The section as it will be stored: heading, paragraphs (drafted, composed or typed), lines and
    /// figures. With <paramref name="validate"/>, each bad field gets its message and null is returned.
    /// </summary>
    private NoteSection? Compose(bool validate)
    {
        void Error(string field, string message) { if (validate) ModelState.AddModelError(field, message); }
        var heading = Input.Heading?.Trim();
        if (string.IsNullOrEmpty(heading)) { Error("Input.Heading", "请填写标题（按文件原文）。"); heading = DefaultHeading(); }
        else if (heading.Length > TextLimits.NoteHeading)
        {
            // The preview is drafted under the standard heading; the typed one is refused at its field.
            Error("Input.Heading", $"标题最多 {TextLimits.NoteHeading} 个字，现有 {heading.Length} 个。");
            heading = DefaultHeading();
        }

        var expected = Rows(Disclosure.Note(Key));
        var posted = Input.Lines.Where(l => !string.IsNullOrEmpty(l.Key)).GroupBy(l => l.Key).ToDictionary(g => g.Key, g => g.First());
        var typedLines = new List<NoteLine>();
        var priors = new Dictionary<string, decimal>();
        var labels = new Dictionary<string, string?>();
        for (var i = 0; i < expected.Count; i++)
        {
            var row = expected[i];
            var input = posted.GetValueOrDefault(row.Key) ?? new LineInput { Key = row.Key };
            var index = Input.Lines.FindIndex(l => l.Key == row.Key);
            var prefix = $"Input.Lines[{(index < 0 ? i : index)}]";
            var line = new NoteLine(row.Key) { Label = row.Label };
            foreach (var field in TextFields)
            {
                var text = Text(input.Fields.GetValueOrDefault(field.Key));
                field.SetText(line, text);
                if (text is not null && text.Length > field.Limit)
                    Error(FieldName(prefix, field), $"“{row.Label}”的{field.Label}不超过 {field.Limit} 个字（现有 {text.Length} 个字）。");
                else if (text is null && NoteLineField.IsRequiredIn(Key, field))
                    Error(FieldName(prefix, field), $"请填写“{row.Label}”的{field.Label}。");
            }
            typedLines.Add(line);
            if (!HasPriorColumn || HasPriorDisclosure) continue;
            if (!TableForm.TryParseAmount(input.Prior, false, out var amount, out var message)) { Error($"{prefix}.Prior", $"上年预算数：{message}"); continue; }
            priors[row.Key] = amount ?? 0m;
            labels[row.Key] = row.Label;
        }

        var prior = HasPriorDisclosure || !HasPriorColumn ? _prior : _prior.WithSection(Key, priors, labels);
        var department = Disclosure.DepartmentName;
        var year = Disclosure.FiscalYear;
        List<string> paragraphs;
        List<NoteLine> lines = [];
        List<NoteFigure> figures = [];
        if (IsDrafted)
        {
            // Draft on a copy holding the typed wording, so nothing is tracked before the save.
            var copy = DocumentCopy();
            try
            {
                copy.SetNotes(copy.Notes.Where(n => n.Key != Key).Append(new NoteSection(Key, heading, [], typedLines)));
            }
            catch (DomainException e)
            {
                Error(string.Empty, e.Message);
                return null;
            }
            paragraphs = new NoteDrafter(copy, prior).Section(Key).ToList();
            (lines, figures) = new NoteStructure(copy, prior).Section(Key);
        }
        else if (Key is "12.2" or "12.3")
        {
            var typed = new Dictionary<string, decimal>();
            foreach (var (figure, label, isCount) in FigureFields)
            {
                var text = Input.Figures.GetValueOrDefault(figure);
                if (!TableForm.TryParseAmount(text, false, out var value, out var message)) { Error($"Input.Figures[{figure}]", $"{label}：{message}"); continue; }
                if (isCount && value is { } v && v != decimal.Truncate(v)) { Error($"Input.Figures[{figure}]", $"{label}应为整数。"); continue; }
                typed[figure] = value ?? 0m;
            }
            (paragraphs, figures) = Key == "12.2" ? NoteStructure.Procurement(department, year, typed) : NoteStructure.Assets(department, year, typed);
        }
        else if (TypesParagraphs)
        {
            paragraphs = (Input.Paragraphs ?? "").Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
            if (paragraphs.Count == 0) Error("Input.Paragraphs", "请填写说明文字。");
            else if (paragraphs.Count > MaxParagraphs) Error("Input.Paragraphs", $"说明文字最多 {MaxParagraphs} 段（现有 {paragraphs.Count} 段）。");
            else if (paragraphs.Select((p, i) => (p, i)).FirstOrDefault(x => x.p.Length > MaxParagraph) is { p: not null } longest)
                Error("Input.Paragraphs", $"说明文字第 {longest.i + 1} 段超过 {MaxParagraph} 个字（现有 {longest.p.Length} 个字）。");
        }
        else if (Key is "8" or "9")
        {
            var kind = Key == "8" ? TableKind.GovernmentFund : TableKind.StateCapital;
            paragraphs = [Disclosure.Table(kind).EmptyText ?? Disclosure.Schema(kind).FormatEmptySentence(department, year)];
        }
        else paragraphs = [];   // 五 and 十二 carry only their heading.

        if (validate && !ModelState.IsValid) return null;
        return new NoteSection(Key, heading, paragraphs, lines, figures, isDrafted: IsDrafted);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The form name of a line's field: <c>Input.Lines[0].Fields[reason]</c>.</summary>
    public static string FieldName(string linePrefix, NoteLineField field) => $"{linePrefix}.Fields[{field.Key}]";

    public const int MaxParagraphs = 50;
    public const int MaxParagraph = 2000;

    private Disclosure _copy = null!;
    private Disclosure DocumentCopy() => _copy;

    /// <summary>The failing checks of this section as stored, errors first.</summary>
    private IReadOnlyList<CheckResult> FindingsOf(Disclosure stored)
    {
        var location = $"说明{Label}";
        return ConsistencyChecks.Run(stored).Failures
            .Where(f => f.Location.Split('/').Any(part => part == location || part.StartsWith(location + " ", StringComparison.Ordinal)))
            .OrderBy(f => f.Severity).ToList();
    }

    /// <summary>The findings that name a line of the section (说明二 一般公共预算 …), shown in its row.</summary>
    public IReadOnlyList<CheckResult> FindingsFor(LineInput line) =>
        line.Label is { Length: > 0 } label
            ? Findings.Where(f => f.Message.StartsWith($"说明{Label} {label} ", StringComparison.Ordinal) ||
                                  f.Message.StartsWith($"说明{Label} 未列出 {label} ", StringComparison.Ordinal)).ToList()
            : [];

    /// <summary>The findings of the section as a whole (those no row names).</summary>
    public IReadOnlyList<CheckResult> SectionFindings => Findings.Where(f => Input.Lines.All(l => !FindingsFor(l).Contains(f))).ToList();

    /// <summary>Last year's published figure of a 十二(二)/(三) field, for reference.</summary>
    public decimal? LastYearFigure(string key) => LastYear?.Note(Key)?.Number(key);

    private async Task<IActionResult?> LoadAsync(int id, string key, CancellationToken ct, bool reading = false)
    {
        if (!NoteKeys.All.Contains(key)) return NotFound();
        if (await OpenAsync(id, reading, ct) is { } denied) return denied;
        var disclosure = Disclosure;
        Key = key;
        Stored = disclosure.Note(key);
        // An untracked copy to draft on (the drafter reads the typed wording from the disclosure's notes).
        _copy = (await reader.LoadAsync(id, ct))!;
        // The year's catalog names a 类 that a table gives without its name, on the page and in what is drafted.
        var functional = await reader.FunctionalCatalogAsync(disclosure.FiscalYear, ct);
        disclosure.NameCategoriesFrom(functional);
        _copy.NameCategoriesFrom(functional);
        // The findings of the section as stored, before anything typed is drafted on the copy.
        Findings = FindingsOf(_copy);
        var prior = await reader.PublishedAsync(disclosure.Department.Code, disclosure.FiscalYear - 1, ct);
        HasPriorDisclosure = prior is not null;
        LastYear = prior;
        _prior = PriorYearFigures.For(_copy, prior);
        if (key == "5.3" && !HasPriorDisclosure)
        {
            var catalog = await db.CatalogAsync(BudgetPortal.Domain.Classification.ClassificationScheme.Functional, disclosure.FiscalYear - 1, ct);
            var names = catalog.ToDictionary(c => c.Code, c => c.Name);
            _itemLabels = catalog.Where(c => c.Code.Length == 7 && names.ContainsKey(c.Code[..3]) && names.ContainsKey(c.Code[..5]))
                .ToDictionary(c => c.Code, c => $"{names[c.Code[..3]]}（类）{names[c.Code[..5]]}（款）{c.Name}（项）");
        }
        return null;
    }
}

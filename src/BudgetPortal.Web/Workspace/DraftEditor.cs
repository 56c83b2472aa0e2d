using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Accounts;
using BudgetPortal.Web.Disclosures;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Workspace;

/// <summary>
/// A workspace form's disclosure (tracked) and the person's right to it; Refusal is the status to answer,
/// or null. <see cref="LineBased"/>: a form of the tables opened on a line-based draft, shown read-only.
/// </summary>
public sealed record DraftForm(Disclosure? Disclosure, int? Refusal, bool Editable, bool LineBased = false);

/// <summary>
/// One form's change: the audit line it writes and the part a conflict message names (部门概况, 说明三,
/// 表3 …). <see cref="Table"/>: the posted token is that table's row version, not the disclosure's
/// (each table is saved on its own).
/// </summary>
public sealed record DraftChange(string Audit, string Part)
{
    public TableKind? Table { get; init; }
    /// <summary>What the other person changed, as the conflict message says it.</summary>
    public string Changed { get; init; } = "此公开内容";
    /// <summary>What the page shows of the other person's save.</summary>
    public string Shown { get; init; } = $"现在保存的{Part}";
}

/// <summary>
/// What a save did: stored, or not — refused by a domain rule (its message is in the model state), or
/// lost to someone else's save (<see cref="Lost"/>; for a form, <see cref="Theirs"/> is the version as
/// stored now and <see cref="Token"/> its row version, to post with the next try).
/// </summary>
public sealed record DraftSave(bool Stored, DbUpdateException? Lost = null, Disclosure? Theirs = null, uint Token = 0);

/// <summary>
/// The workspace's one way to change a disclosure: open it with the person's right (reviewers read the
/// forms, only the department's officers and administrators change a draft), store a change against the
/// row version the person saw with its audit line, turn a broken domain rule into a model-state error in
/// Chinese, and a concurrent save into the version stored now and the conflict message. The page models
/// keep only what differs: their form, the mutation, the wording.
/// </summary>
public sealed class DraftEditor(BudgetDbContext db, DisclosureAccess access, AuditTrail audit, DisclosureReader reader)
{
    /// <summary>The model-state key of every form's posted row version.</summary>
    public const string TokenField = "Input.Token";

    private const string NotEditable = "此版本已提交审核或已发布，不能修改。";

    /// <summary>Why the lines of a table-based draft are not edited (it is turned into lines first).</summary>
    private const string NoLines = "本稿按表格编制，没有预算明细；请先在“预算明细”页把本稿改为按预算明细编制。";

    /// <summary>Why the tables of a line-based draft are not edited (the page links to the lines).</summary>
    public const string TablesFromLines = "本稿按预算明细编制：十一张表由预算明细生成，不能直接修改。请在“预算明细”页修改明细（或在那里把本稿改为按表格编制）。";

    /// <summary>
    /// Loads the disclosure, tracked, for a form: <paramref name="complete"/> with its tables and notes
    /// (the drafted notes follow an edit in the same save); <paramref name="reading"/> lets reviewers in.
    /// A form of the <paramref name="tables"/> (a table, the workbook upload) is read-only on a line-based draft.
    /// </summary>
    public async Task<DraftForm> OpenAsync(int id, bool reading, CancellationToken ct, bool complete = true, bool tables = false)
    {
        var disclosure = complete
            ? await db.CompleteAsync(id, ct)
            : await db.Disclosures.Include(d => d.Department).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (disclosure is null) return new DraftForm(null, StatusCodes.Status404NotFound, false);
        var open = await access.OpenFormAsync(disclosure, reading, ct);
        var lineBased = tables && disclosure.IsLineBased;
        return new DraftForm(disclosure, open.Refusal, open.Editable && !lineBased, lineBased);
    }

    /// <summary>False, with the message, when the version is submitted or published.</summary>
    public static bool IsEditable(Disclosure disclosure, ModelStateDictionary state)
    {
        if (!disclosure.IsEditable) state.AddModelError(string.Empty, NotEditable);
        return disclosure.IsEditable;
    }

    /// <summary>
    /// False, with the message, when the tables may not be changed: the version is submitted or published,
    /// or it is line-based (its tables are derived from its lines). Every path that stores tables asks this.
    /// </summary>
    public static bool AreTablesEditable(Disclosure disclosure, ModelStateDictionary state)
    {
        if (!IsEditable(disclosure, state)) return false;
        if (disclosure.IsLineBased) state.AddModelError(string.Empty, TablesFromLines);
        return !disclosure.IsLineBased;
    }

    /// <summary>False, with the message, when the lines may not be changed: the version is submitted or published, or table-based.</summary>
    public static bool AreLinesEditable(Disclosure disclosure, ModelStateDictionary state)
    {
        if (!IsEditable(disclosure, state)) return false;
        if (!disclosure.IsLineBased) state.AddModelError(string.Empty, NoLines);
        return disclosure.IsLineBased;
    }

    /// <summary>
    /// Saves a form's change with its audit line (保存…). On a concurrent save the model state says so,
    /// the posted token is replaced, and the result carries the version stored now.
    /// </summary>
    public async Task<DraftSave> SaveAsync(Disclosure draft, uint token, DraftChange what, Action<Disclosure> change,
        ModelStateDictionary state, CancellationToken ct)
    {
        var saved = await StoreAsync(draft, token, what.Table, d =>
        {
            change(d);
            audit.Record(AuditAction.Save, d.Id, what.Audit);
        }, state, e => e.IsConcurrentSave(), ct);
        if (saved.Lost is null) return saved;
        var current = (await reader.LoadAsync(draft.Id, ct))!;
        var now = what.Table is { } kind
            ? await db.BudgetTables.Where(t => t.DisclosureId == draft.Id && t.Kind == kind).Select(t => EF.Property<uint>(t, "xmin")).FirstOrDefaultAsync(ct)
            : current.RowVersion;
        // The hidden field shows the new token, so that saving again keeps this person's values knowingly.
        state.Remove(TokenField);
        state.AddModelError(string.Empty,
            $"保存未成功：{what.Changed}在您打开之后已被他人修改并保存。下面是{what.Shown}和您填写的内容；请核对后再次保存（将以您的内容为准），或重新打开此页放弃您的修改。");
        return saved with { Theirs = current, Token = now };
    }

    /// <summary>
    /// Runs <paramref name="change"/> on the tracked disclosure and saves it in one transaction, against
    /// the row version <paramref name="token"/> (of the disclosure, or of one table). A DomainException
    /// becomes a model-state error; a DbUpdateException that <paramref name="lost"/> accepts is returned
    /// (nothing of it stored, the change tracker cleared); any other goes on.
    /// </summary>
    public async Task<DraftSave> StoreAsync(Disclosure tracked, uint token, TableKind? table, Action<Disclosure> change,
        ModelStateDictionary state, Func<DbUpdateException, bool> lost, CancellationToken ct)
    {
        try
        {
            if (table is { } kind)
            {
                // A table not stored yet has no row version: one created meanwhile is a conflict too (unique key).
                if (tracked.Tables.FirstOrDefault(t => t.Kind == kind) is { } stored)
                {
                    db.Entry(stored).Property<uint>("xmin").OriginalValue = token;
                    if (token == 0) throw new DbUpdateConcurrencyException("created meanwhile");
                }
            }
            else db.Entry(tracked).Property(d => d.RowVersion).OriginalValue = token;
            change(tracked);
            await db.SaveChangesAsync(ct);
            return new DraftSave(true);
        }
        catch (DomainException e)
        {
            state.AddModelError(string.Empty, e.Message);
            return new DraftSave(false);
        }
        catch (DbUpdateException e) when (lost(e))
        {
            db.ChangeTracker.Clear();
            return new DraftSave(false, e);
        }
    }

    /// <summary>Adds a new version and its audit line together, or neither (the line needs the new id).</summary>
    public async Task AddAsync(Disclosure created, AuditAction action, string detail, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Disclosures.Add(created);
        await db.SaveChangesAsync(ct);
        audit.Record(action, created.Id, detail);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}

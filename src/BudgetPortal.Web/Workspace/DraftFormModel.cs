using BudgetPortal.Domain.Disclosures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Workspace;

/// <summary>
/// A workspace form over one part of a disclosure (部门概况, 落款, a section of 情况说明, a performance
/// sheet, a table): the disclosure, whether the person may change it, what the checks find about the
/// part, and — after a save lost to someone else's — the part as they stored it (<typeparamref name="TPart"/>).
/// Opening and saving go through the <see cref="DraftEditor"/>; each form keeps its input and its mutation.
/// </summary>
public abstract class DraftFormModel<TPart>(DraftEditor editor) : PageModel where TPart : class
{
    protected DraftEditor Editor => editor;

    public Disclosure Disclosure { get; private set; } = null!;
    /// <summary>The person may change this version (an officer of the department or an administrator, while a draft).</summary>
    public bool Editable { get; private set; }
    /// <summary>A form of the tables on a line-based draft: read-only, the page links to the lines.</summary>
    public bool LineBased { get; private set; }
    /// <summary>The form holds input that is not stored yet (a row just added, a refused save).</summary>
    public bool Unsaved { get; protected set; }
    /// <summary>The checks' findings about this part.</summary>
    public IReadOnlyList<CheckResult> Findings { get; protected set; } = [];
    /// <summary>After a lost save: the part as the other person stored it, shown beside this person's input.</summary>
    public TPart? Theirs { get; protected set; }

    /// <summary>Opens the disclosure (see <see cref="DraftEditor.OpenAsync"/>): the status to answer, or null.</summary>
    protected async Task<IActionResult?> OpenAsync(int id, bool reading, CancellationToken ct, bool complete = true, bool tables = false)
    {
        var form = await editor.OpenAsync(id, reading, ct, complete, tables);
        if (form.Refusal is { } refused) return StatusCode(refused);
        (Disclosure, Editable, LineBased) = (form.Disclosure!, form.Editable, form.LineBased);
        return null;
    }

    /// <summary>
    /// Saves the change (see <see cref="DraftEditor.SaveAsync"/>); true when stored. After a lost save,
    /// <see cref="Theirs"/> is <paramref name="part"/> of the version stored now and the form's token
    /// becomes its row version (<paramref name="retoken"/>).
    /// </summary>
    protected async Task<bool> SaveAsync(uint token, DraftChange what, Action<Disclosure> change,
        Func<Disclosure, TPart?> part, Action<uint> retoken, CancellationToken ct)
    {
        var saved = await editor.SaveAsync(Disclosure, token, what, change, ModelState, ct);
        if (saved.Theirs is { } current)
        {
            Theirs = part(current);
            retoken(saved.Token);
        }
        return saved.Stored;
    }
}

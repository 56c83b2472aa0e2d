using System.Globalization;
using System.Text.Json;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Documents;

/// <summary>Turns the file form into the domain model and back, checking what the file says as it goes.</summary>
public static class DocumentMapping
{
    /// <summary>Fills a draft disclosure from a document. Errors name the table, row and column.</summary>
    /// <param name="functional">The year's 功能分类 catalog, naming 类 in the notes the portal drafts (<see cref="Disclosure.NameCategoriesFrom"/>).</param>
    public static void ApplyTo(this DisclosureDocument doc, Disclosure disclosure, ClassificationCatalog? functional)
    {
        if (doc.FiscalYear != disclosure.FiscalYear)
            throw new DomainException($"文件中的预算年度 {doc.FiscalYear} 与公开年度 {disclosure.FiscalYear} 不一致。");

        disclosure.SetSource(doc.Source, doc.HasCover);
        disclosure.SetOverview(doc.Overview.Copy());
        disclosure.SetSignOff(new SignOff { Name = doc.SignOff.Name, Date = doc.SignOff.Date, Text = doc.SignOff.Text }, functional);

        foreach (var (number, table) in doc.Tables)
        {
            if (!int.TryParse(number, out var n) || !Enum.IsDefined((TableKind)n))
                throw new DomainException($"表“{number}”不存在：表号应为 1–11。");
            disclosure.SetTable(table.ToTable(TableSchemas.For((TableKind)n, doc.FiscalYear)), functional);
        }

        disclosure.SetNotes(doc.Notes.Select(ToSection));

        var sheets = new List<PerformanceSheet>();
        if (doc.Performance.Department is { } d)
        {
            sheets.Add(new PerformanceSheet(SheetKind.Department, d.Year, d.DepartmentName, d.Indicators.Select(i => i.Copy()))
            {
                Contact = d.Contact, Phone = d.Phone, Goal = d.Goal,
                FundsSuperior = d.Funds.Superior, FundsLocal = d.Funds.Local, FundsOther = d.Funds.Other,
            });
        }
        foreach (var p in doc.Performance.Projects)
        {
            sheets.Add(new PerformanceSheet(SheetKind.Project, p.Year, p.Name, p.Indicators.Select(i => i.Copy()))
            {
                Unit = p.Unit, Contact = p.Manager, Goal = p.Goal,
                FundsTotal = p.Total, FundsFiscal = p.Fiscal, FundsOther = p.Other,
            });
        }
        disclosure.SetPerformanceSheets(sheets);
    }

    /// <summary>A table of the file form as the domain holds it. Errors name the table, row and column.</summary>
    public static BudgetTable ToTable(this TableDoc table, TableSchema schema) =>
        new(schema.Kind, table.Rows.Select((r, i) => ToRow(r, schema, i + 1)).ToList(), table.EmptyText);

    private static TableRow ToRow(RowDoc r, TableSchema schema, int position)
    {
        var where = $"表{schema.Number}第 {position} 行";
        RowKind kind;
        if (r.Kind is { Length: > 0 } k)
        {
            if (!Enum.TryParse(k, ignoreCase: true, out kind))
                throw new DomainException($"{where}：行类型“{k}”无效。");
        }
        else if (r.Key is not null) kind = RowKind.Fixed;
        else if (r.Code is { } code)
            kind = schema.KindOfCode(code) ?? throw new DomainException($"{where}：科目编码“{code}”无效。");
        else throw new DomainException($"{where}：缺少行类型、固定行标识或科目编码。");

        TableRow row;
        try
        {
            row = new TableRow(kind, r.Code, r.Name, r.Key, r.Project);
        }
        catch (DomainException e)
        {
            throw new DomainException($"{where}：{e.Message}");
        }
        foreach (var (column, amount) in r.Cells)
        {
            if (!schema.HasColumn(column))
                throw new DomainException($"{where}：没有列“{column}”（可用的列：{string.Join("、", schema.Columns.Select(c => c.Key))}）。");
            row.Set(column, amount);
        }
        return row;
    }

    private static NoteSection ToSection(NoteDoc n)
    {
        // The document's lines are copied, never shared: a document may fill several disclosures.
        var lines = n.Lines.Select(l => l.Copy());
        var figures = n.Figures.Select(f => f.Value.ValueKind switch
        {
            JsonValueKind.Number => new NoteFigure(f.Key, f.Value.GetDecimal()),
            JsonValueKind.String => new NoteFigure(f.Key, text: f.Value.GetString()),
            JsonValueKind.Array => new NoteFigure(f.Key, text: string.Join(NoteFigure.ListSeparator,
                f.Value.EnumerateArray().Select(e => e.ToString())), isList: true),
            JsonValueKind.Null => new NoteFigure(f.Key),
            _ => throw new DomainException($"情况说明 {n.Key} 的数据项“{f.Key}”格式无效。"),
        });
        return new NoteSection(n.Key, n.Heading, n.Paragraphs, lines, figures);
    }

    /// <summary>The document form of a disclosure (the JSON API and exports).</summary>
    public static DisclosureDocument ToDocument(this Disclosure d)
    {
        var doc = new DisclosureDocument
        {
            Source = d.SourceDocument,
            Department = new DepartmentDoc { Code = d.Department.Code, Name = d.Department.Name },
            FiscalYear = d.FiscalYear,
            HasCover = d.HasCover,
            Overview = d.Overview.Copy(),
            SignOff = new SignOffDoc { Name = d.SignOff.Name, Date = d.SignOff.Date, Text = d.SignOff.Text },
        };
        foreach (var kind in TableSchemas.All)
        {
            var t = d.Table(kind);
            doc.Tables[((int)kind).ToString(CultureInfo.InvariantCulture)] = new TableDoc
            {
                EmptyText = t.EmptyText,
                Rows = t.Rows.Select(r => new RowDoc
                {
                    Kind = JsonNamingPolicy.CamelCase.ConvertName(r.Kind.ToString()),
                    Key = r.Key, Code = r.Code, Name = r.Name, Project = r.Project,
                    Cells = r.Cells.ToDictionary(c => c.Column, c => c.Amount),
                }).ToList(),
            };
        }
        doc.Notes = d.Notes.Select(n => new NoteDoc
        {
            Key = n.Key, Heading = n.Heading, Paragraphs = [.. n.Paragraphs],
            Lines = n.Lines.Select(l => l.Copy()).ToList(),
            Figures = n.Figures.ToDictionary(f => f.Key, f =>
                f.Number is { } num ? JsonSerializer.SerializeToElement(num)
                : f.IsList ? JsonSerializer.SerializeToElement(f.Items)
                : JsonSerializer.SerializeToElement(f.Text)),
        }).ToList();
        if (d.DepartmentSheet is { } ds)
        {
            doc.Performance.Department = new DepartmentSheetDoc
            {
                Year = ds.Year, DepartmentName = ds.Name, Contact = ds.Contact, Phone = ds.Phone, Goal = ds.Goal,
                Funds = new FundsDoc { Superior = ds.FundsSuperior, Local = ds.FundsLocal, Other = ds.FundsOther },
                Indicators = ds.Indicators.Select(i => i.Copy()).ToList(),
            };
        }
        doc.Performance.Projects = d.ProjectSheets.Select(p => new ProjectSheetDoc
        {
            Year = p.Year, Unit = p.Unit, Name = p.Name, Manager = p.Contact, Total = p.FundsTotal,
            Fiscal = p.FundsFiscal, Other = p.FundsOther, Goal = p.Goal,
            Indicators = p.Indicators.Select(i => i.Copy()).ToList(),
        }).ToList();
        return doc;
    }
}

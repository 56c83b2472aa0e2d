using System.Diagnostics;
using System.Text;
using BudgetPortal.Data;
using BudgetPortal.Data.Seeding;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Import;
using BudgetPortal.Web.Uploads;
using BudgetPortal.Web.Infrastructure;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BudgetPortal.Web.Import;

/// <summary>
/// `import PATH... [--code CODE] [--out RESULT.json]` (README): imports published disclosures from
/// their text (.txt) or PDF (.pdf, through `pdftotext -layout`) as drafts, one transaction per
/// file, with one line per file (what was read, inferred and left for an officer: a part that
/// could not be read is left empty in the draft) and the report of each file that is refused. With --out it stores
/// nothing and writes the one file's disclosure in the JSON form of /api/v1/disclosures/{code}/{year},
/// then prints the report.
/// </summary>
public static class ImportCommand
{
    public const string Usage = "用法：import 路径… [--code 部门代码] [--out 结果.json]（路径为 .txt、.pdf 文件或文件夹）";

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, IConfiguration? configuration = null)
    {
        var o = output ?? Console.Out;
        var paths = new List<string>();
        string? outFile = null, code = null;
        var baseDir = Environment.GetEnvironmentVariable("IMPORT_BASE") is { Length: > 0 } b ? b : Directory.GetCurrentDirectory();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length: outFile = Path.GetFullPath(args[++i], baseDir); break;
                case "--code" when i + 1 < args.Length: code = args[++i]; break;
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    await o.WriteLineAsync($"未知选项 {a}。{Usage}");
                    return 2;
                default: paths.Add(Path.GetFullPath(args[i], baseDir)); break;
            }
        }
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
                files.AddRange(Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            else if (File.Exists(p)) files.Add(p);
            else { await o.WriteLineAsync($"找不到文件或文件夹：{p}"); return 2; }
        }
        if (files.Count == 0) { await o.WriteLineAsync(Usage); return 2; }
        if (outFile is not null && files.Count != 1) { await o.WriteLineAsync("--out 只能用于一个文件。"); return 2; }

        var config = configuration ?? new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var seeds = SeedsFolder.Find(config["Seeds:Path"], Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        var catalog = seeds is null ? new ImportCatalog() : ImportCatalog.FromFolder(Path.Combine(seeds, "classification"));

        if (outFile is not null)
        {
            var (result, _) = await ImportFileAsync(files[0], catalog, code);
            await o.WriteLineAsync(result.Report.ToText());
            if (result.Document is null) return 1;
            await File.WriteAllTextAsync(outFile, ApiJson(result.Document!), new UTF8Encoding(false));
            await o.WriteLineAsync($"已写出 {outFile}（未写入数据库）");
            return 0;
        }

        var connection = config.GetConnectionString("Budget");
        if (string.IsNullOrEmpty(connection)) { await o.WriteLineAsync("没有配置数据库（ConnectionStrings__Budget）。"); return 2; }
        await using var db = new BudgetDbContext(new DbContextOptionsBuilder<BudgetDbContext>().UseNpgsql(connection).Options);
        // As the schema's owner when ConnectionStrings:BudgetOwner is set: the portal's role cannot migrate.
        if (config.GetValue("Database:Migrate", true))
            await DatabaseSetup.MigrateAsync(config, NullLogger.Instance);
        var store = new DraftStore(db);
        var failed = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var name = Path.GetFileName(files[i]);
            var clock = Stopwatch.StartNew();
            var (result, error) = await ImportFileAsync(files[i], catalog, code, previous: doc => store.PreviousAsync(doc, code));
            var prefix = $"[{i + 1}/{files.Count}] {name}";
            if (result.Document is null)
            {
                failed++;
                await o.WriteLineAsync($"{prefix}：导入失败{(error is null ? $"：{result.Report.Unreadable.FirstOrDefault()?.Message}" : $"：{error}")}（未写入任何内容）");
                await o.WriteLineAsync(result.Report.ToText());
                continue;
            }
            try
            {
                // One line per file: what was read, inferred and left for an officer (a partial draft's gaps are in its audit line and on its page).
                var stored = await store.SaveAsync(result.Document, code, audit: ("import", ImportGaps.Detail(name, result)));
                var checks = result.Report.Checks!;
                await o.WriteLineAsync($"{prefix} → {stored.DepartmentCode} {stored.FiscalYear} 年 草稿第 {stored.Version} 版"
                    + $"{(stored.NewDepartment ? "（新部门）" : "")}{(result.Partial ? "（部分）" : "")}：{ImportGaps.Summary(result)}；核验错误 {checks.Errors} 项、舍入差异 {checks.RoundingGaps} 项、提示 {checks.Warnings} 项（{clock.Elapsed.TotalSeconds:0.00} 秒）");
            }
            catch (Exception e) when (e is DomainException or DbUpdateException)
            {
                failed++;
                await o.WriteLineAsync($"{prefix}：未能保存（未写入任何内容）：{e.Message}");
            }
        }
        await o.WriteLineAsync($"导入完成：成功 {files.Count - failed} 个，失败 {failed} 个。");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// The disclosure as /api/v1/disclosures/{code}/{year} writes it: put through the domain model
    /// (every table present, every row with its kind), with its status, a draft.
    /// </summary>
    public static string ApiJson(DisclosureDocument doc)
    {
        var draft = new Disclosure(new Department(doc.Department.Code, doc.Department.Name), doc.FiscalYear);
        // The document's notes as imported (none drafted by the portal): no catalog names 类 here.
        doc.ApplyTo(draft, null);
        var node = JsonSerializer.SerializeToNode(draft.ToDocument(), DisclosureDocument.JsonOptions)!.AsObject();
        node["status"] = "draft";
        node["unit"] = "万元";
        return node.ToJsonString(DisclosureDocument.JsonOptions);
    }

    /// <summary>Reads one file (a PDF through pdftotext -layout) and imports it.</summary>
    /// <param name="limits">The PDF's page, time and text limits (the defaults of <see cref="UploadLimits"/> when not given).</param>
    /// <param name="previous">
    /// Finds the department's previous published disclosure (<see cref="DraftStore.PreviousAsync"/>): asked only
    /// when 说明五(三) names a 项 that no table or catalog names, and the file is then read again with it.
    /// </param>
    public static async Task<(ImportResult Result, string? Error)> ImportFileAsync(string file, ImportCatalog catalog, string? code, UploadLimits? limits = null,
        Func<DisclosureDocument, Task<PreviousDisclosure?>>? previous = null)
    {
        string text;
        try
        {
            text = file.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? await PdfText.ReadAsync(file, limits ?? new UploadLimits()) : await File.ReadAllTextAsync(file);
            if (text.Contains('\0'))
                throw new InvalidOperationException("文件含有空字符（\\0），不是从 PDF 提取的文本，无法导入。");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            var report = new ImportReport { Source = Path.GetFileName(file) };
            report.Fail("文件", e.Message);
            return (new ImportResult(null, report), e.Message);
        }
        var result = DisclosureImporter.Import(text, Path.GetFileName(file), catalog, code);
        if (result is { Document: { } doc, ItemsByName.Count: > 0 } && previous is not null && await previous(doc) is { } last)
            result = DisclosureImporter.Import(text, Path.GetFileName(file), catalog, code, last);
        return (result, null);
    }

    public static Task<string> PdfTextAsync(string file) => PdfText.ReadAsync(file, new UploadLimits());
}

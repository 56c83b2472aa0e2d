using System.Text.RegularExpressions;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Import;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Import;

/// <summary>
/// A page break inside a table with its header repeated on the next page, before every row of the
/// table in turn: no row is taken for header. (In 003's 表1 the row after such a header, 2、非财政拨款结转结余,
/// was dropped: the table came out a row short with nothing flagged — issue 13's one wrong figure.)
/// </summary>
public sealed partial class RepeatedHeaderTests
{
    [Theory]
    [InlineData("000", 1)]
    [InlineData("003", 1)]
    [InlineData("000", 3)]
    [InlineData("003", 2)]
    public void AHeaderRepeatedBeforeAnyRowLosesNoRow(string id, int number)
    {
        var seed = SeedFiles.Get(id);
        var truth = DisclosureDocument.Parse(seed.Json);
        var lines = seed.SourceText.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var tables = lines.FindIndex(l => TableStart().IsMatch(l.Trim()));
        var start = lines.FindIndex(l => TableStart().Match(l.Trim()) is { Success: true } m && m.Groups[1].Value == number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var end = lines.FindIndex(start + 1, l => TableStart().IsMatch(l.Trim()) || l.StartsWith("第三部分", StringComparison.Ordinal));
        var unit = lines.FindIndex(start, l => l.StartsWith("编制部门", StringComparison.Ordinal));
        var first = number is 1 or 4 ? lines.FindIndex(start, l => l.StartsWith("一、", StringComparison.Ordinal)) : lines.FindIndex(start, l => l.StartsWith('※')) + 1;
        var header = lines.GetRange(unit, first - unit);
        var expected = OnlyTable(truth, number, truth.Tables[number.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        for (var at = first + 1; at < end; at++)
        {
            // Not inside a header the seed itself repeats after its own page break.
            var lastUnit = lines.FindLastIndex(at - 1, at - first, l => l.StartsWith("编制部门", StringComparison.Ordinal));
            if (lastUnit >= first && (number is 1 or 4 ? lines.FindIndex(lastUnit, at - lastUnit, l => l.StartsWith("一、", StringComparison.Ordinal) || char.IsDigit(l[0])) < 0
                                                        : lines.FindIndex(lastUnit, at - lastUnit, l => l.StartsWith('※')) < 0)) continue;
            // The tables up to N read together, as the import reads them (表1 says which of 表2's and 表4's columns hold money).
            var broken = lines.Take(at).Append("第 3 页").Concat(header).Concat(lines.Skip(at)).Skip(tables).Take(end - tables + header.Count + 1);
            var report = new ImportReport { Source = $"{id} 表{number} break before line {at - start}" };
            var ctx = new ImportContext { Year = truth.FiscalYear, Department = truth.Department.Name, Catalog = SeedImportTests.Catalog, Report = report };
            TableReader.ReadAll(SourceText.Lines(string.Join('\n', broken)).ToList(), ctx);
            var read = ctx.Table(number);
            Assert.True(read is not null, $"{report.Source}: {report.ToText()}");
            var diffs = DocumentComparison.Differences(expected, OnlyTable(truth, number, read!));
            Assert.True(diffs.Count == 0, $"{report.Source} ({lines[at]}):\n{string.Join("\n", diffs)}");
        }
    }

    private static DisclosureDocument OnlyTable(DisclosureDocument truth, int number, TableDoc table)
    {
        var doc = DisclosureDocument.Parse(truth.ToJson());
        doc.Tables = new() { [number.ToString(System.Globalization.CultureInfo.InvariantCulture)] = table };
        return doc;
    }

    [GeneratedRegex(@"^表\s*(\d{1,2})$")]
    private static partial Regex TableStart();
}

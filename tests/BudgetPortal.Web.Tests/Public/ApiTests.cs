using System.Net;
using System.Text;
using System.Text.Json;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Public;

[Collection(PortalCollection.Name)]
public sealed class ApiTests(PortalFixture portal)
{
    public static TheoryData<string> Seeds => Repo.SeedNames();

    [Fact]
    public async Task DepartmentsListsEverySeedDepartmentWithItsYears()
    {
        var json = JsonDocument.Parse(await portal.Http.GetStringAsync("/api/v1/departments")).RootElement;
        var listed = json.EnumerateArray().ToDictionary(d => d.GetProperty("code").GetString()!,
            d => (Name: d.GetProperty("name").GetString(), Years: d.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()).ToList()));
        foreach (var file in Repo.SeedDisclosureFiles)
        {
            var seed = DisclosureDocument.Parse(File.ReadAllText(file));
            Assert.True(listed.ContainsKey(seed.Department.Code), seed.Department.Code);
            Assert.Equal(seed.Department.Name, listed[seed.Department.Code].Name);
            Assert.Contains(seed.FiscalYear, listed[seed.Department.Code].Years);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task DisclosureJsonCarriesEveryCellNoteAndSheetOfTheSeed(string seed)
    {
        var expected = Repo.LoadSeed(seed);
        var body = Encoding.UTF8.GetString(
            await portal.DownloadAsync($"/api/v1/disclosures/{expected.Department.Code}/{expected.FiscalYear}", "application/json"));
        var actual = DisclosureDocument.Parse(body);

        Assert.Equal(11, actual.Tables.Count);
        foreach (var (number, table) in expected.Tables)
        {
            var got = actual.Tables[number];
            Assert.Equal(table.EmptyText, got.EmptyText);
            Assert.Equal(table.Rows.Count, got.Rows.Count);
            for (var i = 0; i < table.Rows.Count; i++)
            {
                var (e, a) = (table.Rows[i], got.Rows[i]);
                Assert.Equal((e.Key, e.Code, e.Name, e.Project), (a.Key, a.Code, a.Name, a.Project));
                Assert.Equal(e.Cells.OrderBy(c => c.Key), a.Cells.OrderBy(c => c.Key));
            }
        }
        Assert.Equal(expected.Notes.Select(n => (n.Key, n.Heading, string.Join("\n", n.Paragraphs))),
            actual.Notes.Select(n => (n.Key, n.Heading, string.Join("\n", n.Paragraphs))));
        Assert.Equal(expected.Notes.SelectMany(n => n.Lines.Select(l => (n.Key, l.Key, l.Amount, l.Share, l.Change, l.ChangePercent, l.Reason))),
            actual.Notes.SelectMany(n => n.Lines.Select(l => (n.Key, l.Key, l.Amount, l.Share, l.Change, l.ChangePercent, l.Reason))));
        Assert.Equal(expected.Notes.SelectMany(n => n.Figures.Select(f => (n.Key, f.Key, f.Value.ToString()))).Order(),
            actual.Notes.SelectMany(n => n.Figures.Select(f => (n.Key, f.Key, f.Value.ToString()))).Order());
        Assert.Equal(expected.Performance.Projects.Select(p => (p.Name, p.Total, p.Indicators.Count)),
            actual.Performance.Projects.Select(p => (p.Name, p.Total, p.Indicators.Count)));
        Assert.Equal(expected.Performance.Department?.Indicators.Select(i => (i.Level3, i.Value, i.Weight)),
            actual.Performance.Department?.Indicators.Select(i => (i.Level3, i.Value, i.Weight)));
        Assert.Equal(expected.SignOff.Date, actual.SignOff.Date);

        // Beyond the file form: version, publication and the table schemas.
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("published", root.GetProperty("status").GetString());
        Assert.Equal("部门收支总体情况表", root.GetProperty("tableSchemas").GetProperty("1").GetProperty("title").GetString());
        Assert.Equal(8, root.GetProperty("glossary").GetArrayLength());
    }

    [Fact]
    public void ThePublishedDisclosureCarriesEveryFieldOfTheFileFormInItsOrder()
    {
        // The API's type forwards the file form's fields one by one (Api/ApiAnswers.cs): a field added
        // to DisclosureDocument and not there would silently be missing from the API and its document.
        static List<(string, Type)> Fields(Type t) => t.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Select(p => (p.Name, p.PropertyType)).ToList();
        // Only what the API withholds on purpose (the internal file name in `source`) is left out.
        var file = Fields(typeof(DisclosureDocument)).Where(f => !BudgetPortal.Web.Api.PublishedDisclosure.Withheld.Contains(f.Item1)).ToList();
        Assert.Equal(file, Fields(typeof(BudgetPortal.Web.Api.PublishedDisclosure)).Take(file.Count));
    }

    [Fact]
    public async Task TheAnswerNamesNoInternalFileButTheOfficialPdf()
    {
        var body = await portal.Http.GetStringAsync("/api/v1/disclosures/dkyj/2024");
        var root = JsonDocument.Parse(body).RootElement;
        Assert.False(root.TryGetProperty("source", out _));
        // The seed's transcription file is named in its file form, and nowhere in the answer.
        var seedFile = Repo.LoadSeed("002_c0c2db706806b599.json").Source;
        Assert.False(string.IsNullOrEmpty(seedFile));
        Assert.DoesNotContain(seedFile, body);
        Assert.Equal("/departments/dkyj/2024/versions/1.pdf", root.GetProperty("officialPdf").GetString());
    }

    [Fact]
    public async Task ChineseAndPlusAreWrittenAsTheyAreNotEscaped()
    {
        var body = await portal.Http.GetStringAsync("/api/v1/disclosures/dkyj/2024");
        Assert.Contains("\"title\": \"部门收支总体情况表\"", body);
        Assert.DoesNotContain("\\u", body);
        // A problem too: the address asked for, with its '+', in a Chinese detail.
        using var response = await portal.Http.GetAsync("/api/v1/no+such");
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("没有这个接口地址：/api/v1/no+such", problem);
        Assert.DoesNotContain("\\u002B", problem);
    }

    [Fact]
    public async Task AFieldWithoutAValueIsWrittenAsNullOutsideTheFileForm()
    {
        var root = JsonDocument.Parse(await portal.Http.GetStringAsync("/api/v1/disclosures/jjxz/2025")).RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("correctionReason").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("tableSchemas").GetProperty("1").GetProperty("numberingRow").ValueKind);
        // Inside the file form a missing value is left out, as in the seed files.
        Assert.False(root.GetProperty("tables").GetProperty("3").GetProperty("rows")[0].TryGetProperty("code", out _));
    }

    [Fact]
    public async Task UnknownDisclosureIsA404WithAChineseMessage()
    {
        using var response = await portal.Http.GetAsync("/api/v1/disclosures/jjxz/1999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains("没有找到", error);
        Assert.Contains("1999", error);
    }
}

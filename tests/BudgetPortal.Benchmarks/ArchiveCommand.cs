using System.Globalization;
using BudgetPortal.Data.Seeding;

namespace BudgetPortal.Benchmarks;

/// <summary>
/// `archive --departments N [--first 1] [--years 2016-2025] [--batch 100]`: the synthetic archive of
/// issue 15 (SyntheticArchive) added to the database of ConnectionStrings__Budget (the portal's
/// database, migrated and with its seeds loaded: start the portal once). Idempotent. With
/// --without-triggers (a superuser's connection) no trigger runs: about three times faster.
/// </summary>
internal static class ArchiveCommand
{
    private const string Usage = "用法：archive --departments N [--first 1] [--years 2016-2025] [--batch 100] [--without-triggers]（数据库：ConnectionStrings__Budget；--without-triggers 需要超级用户连接）";

    public static async Task<int> RunAsync(string[] args)
    {
        int? departments = null;
        int first = 1, fromYear = 2016, toYear = 2025, batch = 100;
        var withoutTriggers = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--departments" when int.TryParse(value, CultureInfo.InvariantCulture, out var n): departments = n; i++; break;
                case "--first" when int.TryParse(value, CultureInfo.InvariantCulture, out var f): first = f; i++; break;
                case "--without-triggers": withoutTriggers = true; break;
                case "--batch" when int.TryParse(value, CultureInfo.InvariantCulture, out var b): batch = b; i++; break;
                case "--years" when value?.Split('-') is [var a, var z] && int.TryParse(a, CultureInfo.InvariantCulture, out fromYear)
                                                      && int.TryParse(z, CultureInfo.InvariantCulture, out toYear): i++; break;
                default: Console.Error.WriteLine($"无法识别的参数 {args[i]}。{Usage}"); return 2;
            }
        }
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Budget");
        if (departments is null || string.IsNullOrEmpty(connection)) { Console.Error.WriteLine(Usage); return 2; }
        var run = await SyntheticArchive.GenerateAsync(connection, first, first + departments.Value - 1, fromYear, toYear, batch, Console.WriteLine, withoutTriggers);
        Console.WriteLine($"{run.Disclosures} disclosures added ({run.Skipped} already there) for {run.Departments} departments × {toYear - fromYear + 1} years in {run.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
}

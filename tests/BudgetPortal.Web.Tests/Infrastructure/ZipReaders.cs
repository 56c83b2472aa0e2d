using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace BudgetPortal.Web.Tests.Infrastructure;

/// <summary>
/// Three independent readers of a zip file, each asked to check every entry's bytes against its CRC-32:
/// .NET's ZipArchive, Info-ZIP's `unzip -t` and Python's zipfile (both installed by ./test.sh). Each returns
/// the entries it found, so a test compares what all three read.
/// </summary>
public static class ZipReaders
{
    /// <summary>An entry as a reader saw it: its name, its length and the CRC-32 of its bytes as inflated by that reader.</summary>
    public sealed record Seen(string Name, long Length, uint Crc32);

    /// <summary>ZipArchive: every entry opened and read to the end (it checks the CRC at the end of each).</summary>
    public static List<Seen> DotNet(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var seen = new List<Seen>(zip.Entries.Count);
        var buffer = new byte[1 << 16];
        foreach (var entry in zip.Entries)
        {
            var crc = new System.IO.Hashing.Crc32();
            long length = 0;
            using var stream = entry.Open();
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                crc.Append(buffer.AsSpan(0, n));
                length += n;
            }
            Assert.Equal(entry.Length, length);
            seen.Add(new Seen(entry.FullName, length, crc.GetCurrentHashAsUInt32()));
        }
        return seen;
    }

    /// <summary>`unzip -t`: exit 0 and "No errors detected"; the names from `unzip -Z1`.</summary>
    public static async Task<List<string>> UnzipAsync(string path)
    {
        var (code, output, error) = await RunAsync("unzip", "-t", "-qq", path);
        Assert.True(code == 0, $"unzip -t failed ({code}): {output}{error}");
        var (listed, names, listError) = await RunAsync("unzip", "-Z1", path);
        Assert.True(listed == 0, $"unzip -Z1 failed: {listError}");
        return [.. names.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>Python's zipfile: testzip() finds no bad entry; every entry read, its CRC-32 computed by zlib.</summary>
    public static async Task<List<Seen>> PythonAsync(string path)
    {
        const string script = """
            import json, sys, zipfile, zlib
            with zipfile.ZipFile(sys.argv[1]) as z:
                bad = z.testzip()
                if bad is not None:
                    sys.exit("bad entry: " + bad)
                out = []
                for info in z.infolist():
                    crc, n = 0, 0
                    with z.open(info) as f:
                        while True:
                            b = f.read(1 << 20)
                            if not b: break
                            crc = zlib.crc32(b, crc); n += len(b)
                    out.append([info.filename, n, crc, info.flag_bits & 0x800 != 0])
                json.dump(out, sys.stdout, ensure_ascii=False)
            """;
        var (code, output, error) = await RunAsync("python3", "-c", script, path);
        Assert.True(code == 0, $"python3 zipfile failed ({code}): {error}");
        var rows = JsonSerializer.Deserialize<JsonElement[][]>(output)!;
        // Every name marked UTF-8 (flag bit 11).
        Assert.All(rows, r => Assert.True(r[3].GetBoolean()));
        return [.. rows.Select(r => new Seen(r[0].GetString()!, r[1].GetInt64(), r[2].GetUInt32()))];
    }

    /// <summary>All three readers: the same entries (names, lengths, CRCs) for each; returns them.</summary>
    public static async Task<List<Seen>> AllAgreeAsync(string path)
    {
        var dotnet = DotNet(path);
        var unzip = await UnzipAsync(path);
        var python = await PythonAsync(path);
        Assert.Equal(dotnet.Select(e => e.Name), unzip);
        Assert.Equal(dotnet, python);
        return dotnet;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        // unzip prints names in the locale's encoding: UTF-8.
        start.Environment["LC_ALL"] = "C.UTF-8";
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}

using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using BudgetPortal.Web.Downloads;
using BudgetPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using Crc = System.IO.Hashing.Crc32;

namespace BudgetPortal.Web.Tests.Downloads;

/// <summary>
/// The zip writer that copies compressed bytes (the year's package): whatever it writes, .NET's ZipArchive,
/// `unzip -t` and Python's zipfile all read back, entry for entry, with every CRC-32 checked — small zips,
/// a file laid together from separately compressed pieces, more entries than the old format can count (Zip64),
/// and one entry larger than 4 GiB.
/// </summary>
public sealed class ZipStreamWriterTests(ITestOutputHelper output)
{
    private static readonly DateTime Published = new(2026, 3, 14, 15, 9, 26);

    private static (ZipEntry Entry, byte[] Body) Deflated(string name, byte[] file)
    {
        using var body = new MemoryStream();
        using (var deflate = new DeflateStream(body, CompressionLevel.SmallestSize, leaveOpen: true)) deflate.Write(file);
        return (new ZipEntry(name, ZipMethod.Deflate, Crc.HashToUInt32(file), body.Length, file.Length, Published), body.ToArray());
    }

    private static (ZipEntry Entry, byte[] Body) Stored(string name, byte[] file) =>
        (new ZipEntry(name, ZipMethod.Store, Crc.HashToUInt32(file), file.Length, file.Length, Published), file);

    private static string TempZip() => Path.Combine(Path.GetTempPath(), $"bp-zip-{Guid.NewGuid():N}.zip");

    private static async Task WriteAsync(string path, IReadOnlyList<(ZipEntry Entry, byte[] Body)> entries)
    {
        await using var file = File.Create(path);
        var zip = new ZipStreamWriter(file);
        foreach (var (entry, body) in entries) await zip.AddAsync(entry, body);
        await zip.FinishAsync(entries.Select(e => e.Entry));
    }

    [Fact]
    public async Task DeflatedAndStoredEntriesWithChineseNamesAreReadBackByAllThreeReaders()
    {
        var csv = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"部门{i},2025,表{i % 11 + 1},{i * 1.5m}\r\n")));
        var pdf = new byte[50_000];
        new Random(15).NextBytes(pdf);
        List<(ZipEntry, byte[])> entries =
        [
            Deflated("昌吉市教育局/表1.csv", csv),
            Deflated("昌吉市教育局/预算明细.csv", [.. csv.Take(10)]),
            Stored("昌吉市教育局/昌吉市教育局2025年部门预算公开.pdf", pdf),
            // An empty file deflated is one empty final block (DeflateStream given nothing writes nothing at all).
            (new ZipEntry("empty.csv", ZipMethod.Deflate, 0, 2, 0, Published), DeflateFragment.FinalBlock),
            Stored("stored-empty.txt", []),
        ];
        var path = TempZip();
        try
        {
            await WriteAsync(path, entries);
            var seen = await ZipReaders.AllAgreeAsync(path);
            Assert.Equal(entries.Select(e => e.Item1.Name), seen.Select(s => s.Name));
            Assert.Equal(entries.Select(e => (e.Item1.Size, e.Item1.Crc32)), seen.Select(s => (s.Length, s.Crc32)));
            // The bytes themselves, not only their checksums.
            using var zip = ZipFile.OpenRead(path);
            using var reader = new StreamReader(zip.GetEntry("昌吉市教育局/表1.csv")!.Open(), Encoding.UTF8);
            Assert.Equal(Encoding.UTF8.GetString(csv), await reader.ReadToEndAsync());
            await using var stored = new MemoryStream();
            await using (var s = zip.GetEntry("昌吉市教育局/昌吉市教育局2025年部门预算公开.pdf")!.Open()) await s.CopyToAsync(stored);
            Assert.Equal(pdf, stored.ToArray());
            Assert.Equal(Published, zip.Entries[0].LastWriteTime.DateTime);
            // Small: no Zip64 record anywhere (the oldest tools read it).
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(new byte[] { 0x50, 0x4b, 0x06, 0x06 }));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Crc32CombineEqualsTheCrcOfTheBytesTogether()
    {
        var random = new Random(1951);
        var data = new byte[300_000];
        random.NextBytes(data);
        foreach (var (a, b) in new[] { (0, 0), (0, 17), (17, 0), (1, 1), (1000, 299_000), (123_457, 4), (299_999, 1) })
        {
            var combined = Crc32Combine.Combine(Crc.HashToUInt32(data.AsSpan(0, a)), Crc.HashToUInt32(data.AsSpan(a, b)), b);
            Assert.Equal(Crc.HashToUInt32(data.AsSpan(0, a + b)), combined);
        }
        // Beyond 4 GiB: 2^32 + 5 zero bytes after one byte, computed in 64 MiB steps with the real bytes.
        var zeros = new byte[64 << 20];
        var crc = new Crc();
        crc.Append([42]);
        for (var i = 0; i < 64; i++) crc.Append(zeros);
        crc.Append(zeros.AsSpan(0, 5));
        var byParts = Crc32Combine.Combine(Crc.HashToUInt32([42]), Crc.HashToUInt32(new byte[5]), 5);
        var zeroCrc = Crc.HashToUInt32(zeros);
        var big = Crc.HashToUInt32([42]);
        for (var i = 0; i < 64; i++) big = Crc32Combine.Combine(big, zeroCrc, zeros.Length);
        big = Crc32Combine.Combine(big, Crc.HashToUInt32(new byte[5]), 5);
        Assert.Equal(crc.GetCurrentHashAsUInt32(), big);
        Assert.NotEqual(byParts, big);
    }

    [Fact]
    public async Task PiecesCompressedApartAndLaidEndToEndAreOneFileForAllThreeReaders()
    {
        // Each version's lines compressed on its own (at its publication), the file made by copying them.
        var pieces = Enumerable.Range(0, 40).Select(i => Encoding.UTF8.GetBytes(
            string.Concat(Enumerable.Range(0, i * 37 % 300).Select(j => $"syn{i:000000},昌吉市教育局,2025,{j},一般公共服务支出,{j * 3.25m}\r\n")))).ToList();
        var header = Encoding.UTF8.GetBytes("\uFEFFdepartment_code,department_name,fiscal_year,line,name,amount\r\n");
        var fragments = new[] { header }.Concat(pieces).Select(p => DeflateFragment.Of(p)).ToList();
        Assert.Contains(fragments, f => f.Length == 0);
        var crc = fragments.Aggregate(0u, (c, f) => Crc32Combine.Combine(c, f.Crc32, f.Length));
        var body = fragments.SelectMany(f => f.Body).Concat(DeflateFragment.FinalBlock).ToArray();
        var whole = header.Concat(pieces.SelectMany(p => p)).ToArray();
        Assert.Equal(Crc.HashToUInt32(whole), crc);

        var entry = new ZipEntry("budget-lines.csv", ZipMethod.Deflate, crc, body.Length, whole.Length, Published);
        var path = TempZip();
        try
        {
            await WriteAsync(path, [(entry, body), Deflated("datapackage.json", Encoding.UTF8.GetBytes("{}"))]);
            var seen = await ZipReaders.AllAgreeAsync(path);
            Assert.Equal((whole.LongLength, Crc.HashToUInt32(whole)), (seen[0].Length, seen[0].Crc32));
            using var zip = ZipFile.OpenRead(path);
            await using var copy = new MemoryStream();
            await using (var s = zip.GetEntry("budget-lines.csv")!.Open()) await s.CopyToAsync(copy);
            Assert.Equal(whole, copy.ToArray());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task MoreEntriesThanTheOldFormatCountsAreWrittenAsZip64AndReadByAllThreeReaders()
    {
        // 70,000 entries: a year of ~5,000 departments' files; the classic end record counts to 65,535.
        const int count = 70_000;
        IEnumerable<(ZipEntry, byte[])> Entries()
        {
            for (var i = 0; i < count; i++)
            {
                var file = Encoding.UTF8.GetBytes($"第{i}个文件\n");
                yield return i % 2 == 0 ? Deflated($"部门{i / 14:00000}/表{i % 14}.csv", file) : Stored($"部门{i / 14:00000}/文件{i % 14}.txt", file);
            }
        }
        var path = TempZip();
        try
        {
            await using (var file = File.Create(path))
            {
                var zip = new ZipStreamWriter(file);
                foreach (var (entry, body) in Entries()) await zip.AddAsync(entry, body);
                await zip.FinishAsync(Entries().Select(e => e.Item1));
            }
            var bytes = await File.ReadAllBytesAsync(path);
            // The Zip64 end record and its locator are there, the classic record says "see Zip64".
            Assert.NotEqual(-1, bytes.AsSpan().LastIndexOf(new byte[] { 0x50, 0x4b, 0x06, 0x06 }));
            Assert.NotEqual(-1, bytes.AsSpan().LastIndexOf(new byte[] { 0x50, 0x4b, 0x06, 0x07 }));
            Assert.Equal(0xFFFF, BitConverter.ToUInt16(bytes, bytes.Length - 22 + 10));
            var clock = Stopwatch.StartNew();
            var seen = await ZipReaders.AllAgreeAsync(path);
            output.WriteLine($"{count} entries, {bytes.Length} bytes, read by three readers in {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(count, seen.Count);
            Assert.Equal(Entries().Select(e => (e.Item1.Name, e.Item1.Size, e.Item1.Crc32)), seen.Select(s => (s.Name, s.Length, s.Crc32)));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task AnEntryLargerThan4GiBAndOffsetsBeyond4GiBAreWrittenAsZip64AndReadByAllThreeReaders()
    {
        // 4 GiB + 64 MiB of zeros as 65 copies of one 64 MiB piece (~64 KiB compressed): the file's size
        // needs Zip64 in its headers, and the entry after it lies beyond 4 GiB only in the uncompressed
        // sense — so a stored entry of 4 GiB + 1 byte is not written; offsets past 4 GiB are tested by
        // the central directory's arithmetic below instead.
        var zeros = DeflateFragment.Of(new byte[64 << 20], CompressionLevel.Fastest);
        const int copies = 65;
        var crc = 0u;
        long length = 0;
        for (var i = 0; i < copies; i++) { crc = Crc32Combine.Combine(crc, zeros.Crc32, zeros.Length); length += zeros.Length; }
        Assert.True(length > uint.MaxValue);
        var big = new ZipEntry("大文件.bin", ZipMethod.Deflate, crc, (long)zeros.Body.Length * copies + 2, length, Published);
        var small = Deflated("之后/小文件.csv", Encoding.UTF8.GetBytes("一,二\r\n"));
        var path = TempZip();
        try
        {
            await using (var file = File.Create(path))
            {
                var zip = new ZipStreamWriter(file);
                await zip.BeginAsync(big);
                for (var i = 0; i < copies; i++) await zip.WriteAsync(zeros.Body);
                await zip.WriteAsync(DeflateFragment.FinalBlock);
                zip.End();
                await zip.AddAsync(small.Entry, small.Body);
                await zip.FinishAsync([big, small.Entry]);
            }
            var clock = Stopwatch.StartNew();
            var seen = await ZipReaders.AllAgreeAsync(path);
            output.WriteLine($"{length} bytes inflated and checked by three readers in {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal([(big.Name, length, crc), (small.Entry.Name, small.Entry.Size, small.Entry.Crc32)], seen.Select(s => (s.Name, s.Length, s.Crc32)));
        }
        finally { File.Delete(path); }
        // An entry whose header starts past 4 GiB: its central record carries the offset in a Zip64 field.
        var far = new ZipEntry("远/a.csv", ZipMethod.Store, 0, 0, 0, Published);
        Assert.Equal(46 + Encoding.UTF8.GetByteCount(far.Name), ZipStreamWriter.CentralLength(far, uint.MaxValue - 1L));
        Assert.Equal(46 + Encoding.UTF8.GetByteCount(far.Name) + 12, ZipStreamWriter.CentralLength(far, uint.MaxValue));
    }

    [Fact]
    public async Task AnEntryWhoseBytesDifferFromItsHeaderOrACentralDirectoryThatDiffersIsRefused()
    {
        var (entry, body) = Deflated("a.csv", Encoding.UTF8.GetBytes("a,b\r\n"));
        var zip = new ZipStreamWriter(new MemoryStream());
        await zip.BeginAsync(entry);
        await zip.WriteAsync(body.AsMemory(1));
        Assert.Throws<InvalidOperationException>(zip.End);

        zip = new ZipStreamWriter(new MemoryStream());
        await zip.AddAsync(entry, body);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await zip.FinishAsync([entry with { Name = "b.csv!" }]));
        zip = new ZipStreamWriter(new MemoryStream());
        await zip.AddAsync(entry, body);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await zip.FinishAsync([entry, entry]));
        Assert.Throws<ArgumentException>(() => new ZipEntry("/etc/passwd", ZipMethod.Store, 0, 0, 0, Published).Validated());
        Assert.Throws<ArgumentException>(() => new ZipEntry("a.pdf", ZipMethod.Store, 0, 1, 2, Published).Validated());
        // A deflated entry of no bytes at all is no DEFLATE stream (unzip: "invalid compressed data").
        Assert.Throws<ArgumentException>(() => new ZipEntry("a.csv", ZipMethod.Deflate, 0, 0, 0, Published).Validated());
    }
}

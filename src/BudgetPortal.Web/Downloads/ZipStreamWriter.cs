using System.Buffers.Binary;
using System.Text;

namespace BudgetPortal.Web.Downloads;

/// <summary>How an entry's bytes are kept in the zip: 0 as they are, 8 as a raw DEFLATE stream (RFC 1951).</summary>
public enum ZipMethod : ushort
{
    Store = 0,
    Deflate = 8,
}

/// <summary>
/// One entry of a zip whose bytes exist already (compressed once, when a version was published):
/// its name inside the zip (UTF-8), how its bytes are kept, the CRC-32 and length of the file itself,
/// and the length of the bytes as they are written (<see cref="CompressedSize"/>).
/// </summary>
public readonly record struct ZipEntry(string Name, ZipMethod Method, uint Crc32, long CompressedSize, long Size, DateTime Modified)
{
    public ZipEntry Validated()
    {
        if (string.IsNullOrEmpty(Name) || Name.StartsWith('/') || Name.Contains('\\'))
            throw new ArgumentException($"zip entry name \"{Name}\" is empty, absolute or has a backslash");
        if (CompressedSize < 0 || Size < 0) throw new ArgumentException($"zip entry \"{Name}\" has a negative size");
        if (Method == ZipMethod.Store && CompressedSize != Size) throw new ArgumentException($"stored zip entry \"{Name}\" has two sizes");
        // Even an empty file deflated is a final block (03 00); no bytes at all is no DEFLATE stream.
        if (Method == ZipMethod.Deflate && CompressedSize < 2) throw new ArgumentException($"deflated zip entry \"{Name}\" has no DEFLATE stream");
        return this;
    }
}

/// <summary>
/// Writes a zip (PKWARE APPNOTE 6.3) of entries whose bytes are copied as they are — nothing is
/// compressed here, so a year's package costs what copying its stored bytes costs (issue 15).
/// System.IO.Compression's ZipArchive cannot take compressed bytes (it compresses what it is given),
/// and SharpZipLib's pass-through entries keep every entry in memory for the central directory; this
/// writer keeps none: <see cref="FinishAsync"/> is given the same entries again, in the same order,
/// and computes their offsets as <see cref="AddAsync(ZipEntry, ReadOnlyMemory{byte})"/> did (checked
/// against the bytes written). Names are UTF-8 (flag bit 11); Zip64 records are written exactly where
/// a size, an offset or the number of entries does not fit the old fields (more than 65,534 entries,
/// 4 GiB), so small zips stay readable by the oldest tools. No data descriptors: every entry's CRC
/// and sizes are known before its bytes, so a streaming reader can read the zip too.
/// </summary>
public sealed class ZipStreamWriter(Stream output) : IAsyncDisposable
{
    private const uint LocalSignature = 0x04034b50, CentralSignature = 0x02014b50, EndSignature = 0x06054b50;
    private const uint Zip64EndSignature = 0x06064b50, Zip64LocatorSignature = 0x07064b50;
    private const ushort Utf8Flag = 1 << 11;
    private const ushort VersionDefault = 20, VersionZip64 = 45;
    /// <summary>Made by: Unix (3), so the external attributes carry a file mode (rw-r--r--).</summary>
    private const ushort MadeByUnix = 3 << 8;
    private const uint RegularFileMode = 0x81A4u << 16; // S_IFREG | 0644
    private const long Max32 = uint.MaxValue;
    private const int BufferSize = 64 * 1024;

    private readonly byte[] _buffer = new byte[BufferSize];
    private int _buffered;
    private long _position;
    private long _entries;
    private long _open = -1;
    private bool _finished;

    /// <summary>Bytes written so far (the next entry's offset).</summary>
    public long Position => _position + _buffered;

    /// <summary>The length of an entry's local header (the offset of the next entry is the header's plus the entry's bytes).</summary>
    public static long LocalHeaderLength(in ZipEntry entry) => 30 + Encoding.UTF8.GetByteCount(entry.Name) + (NeedsZip64Sizes(entry) ? 20 : 0);

    /// <summary>How many bytes an entry takes in the zip before the central directory.</summary>
    public static long EntryLength(in ZipEntry entry) => LocalHeaderLength(entry) + entry.CompressedSize;

    private static bool NeedsZip64Sizes(in ZipEntry e) => e.Size >= Max32 || e.CompressedSize >= Max32;

    /// <summary>Writes an entry whose bytes are at hand.</summary>
    public async ValueTask AddAsync(ZipEntry entry, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        await BeginAsync(entry, ct);
        await WriteAsync(data, ct);
        End();
    }

    /// <summary>Starts an entry whose bytes follow in pieces (<see cref="WriteAsync"/>), then <see cref="End"/>.</summary>
    public async ValueTask BeginAsync(ZipEntry entry, CancellationToken ct = default)
    {
        if (_finished) throw new InvalidOperationException("the zip is finished");
        if (_open >= 0) throw new InvalidOperationException("the previous entry is not ended");
        entry.Validated();
        var name = Encoding.UTF8.GetBytes(entry.Name);
        if (name.Length > ushort.MaxValue) throw new ArgumentException($"zip entry name too long: {entry.Name}");
        var zip64 = NeedsZip64Sizes(entry);
        var header = new byte[30 + name.Length + (zip64 ? 20 : 0)];
        var s = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, LocalSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(s[4..], zip64 ? VersionZip64 : VersionDefault);
        BinaryPrimitives.WriteUInt16LittleEndian(s[6..], Utf8Flag);
        BinaryPrimitives.WriteUInt16LittleEndian(s[8..], (ushort)entry.Method);
        WriteDosTime(s[10..], entry.Modified);
        BinaryPrimitives.WriteUInt32LittleEndian(s[14..], entry.Crc32);
        BinaryPrimitives.WriteUInt32LittleEndian(s[18..], zip64 ? uint.MaxValue : (uint)entry.CompressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(s[22..], zip64 ? uint.MaxValue : (uint)entry.Size);
        BinaryPrimitives.WriteUInt16LittleEndian(s[26..], (ushort)name.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(s[28..], (ushort)(zip64 ? 20 : 0));
        name.CopyTo(s[30..]);
        if (zip64)
        {
            var extra = s[(30 + name.Length)..];
            BinaryPrimitives.WriteUInt16LittleEndian(extra, 0x0001);
            BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], 16);
            BinaryPrimitives.WriteInt64LittleEndian(extra[4..], entry.Size);
            BinaryPrimitives.WriteInt64LittleEndian(extra[12..], entry.CompressedSize);
        }
        await WriteAsync(header, ct);
        _open = Position + entry.CompressedSize;
    }

    /// <summary>Ends the entry begun last; its bytes must be exactly its compressed size.</summary>
    public void End()
    {
        if (_open < 0) throw new InvalidOperationException("no entry is open");
        if (Position != _open) throw new InvalidOperationException($"an entry's bytes end at {Position}, its header said {_open}");
        _open = -1;
        _entries++;
    }

    /// <summary>Copies bytes to the zip (an open entry's, in pieces).</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        if (data.Length <= BufferSize - _buffered)
        {
            data.Span.CopyTo(_buffer.AsSpan(_buffered));
            _buffered += data.Length;
            return;
        }
        await FlushBufferAsync(ct);
        if (data.Length < BufferSize)
        {
            data.Span.CopyTo(_buffer);
            _buffered = data.Length;
            return;
        }
        await output.WriteAsync(data, ct);
        _position += data.Length;
    }

    private async ValueTask FlushBufferAsync(CancellationToken ct)
    {
        if (_buffered == 0) return;
        await output.WriteAsync(_buffer.AsMemory(0, _buffered), ct);
        _position += _buffered;
        _buffered = 0;
    }

    /// <summary>Sends what is buffered (a long answer shows progress; the client sees bytes early).</summary>
    public async ValueTask FlushAsync(CancellationToken ct = default)
    {
        await FlushBufferAsync(ct);
        await output.FlushAsync(ct);
    }

    /// <summary>
    /// Writes the central directory and the end records: <paramref name="sameEntries"/> are the entries
    /// added, again and in the same order (read again from where they are stored rather than kept). Their
    /// offsets are computed as they were written; a list that differs from what was written is refused.
    /// </summary>
    public async ValueTask FinishAsync(IAsyncEnumerable<ZipEntry> sameEntries, CancellationToken ct = default)
    {
        if (_open >= 0) throw new InvalidOperationException("the last entry is not ended");
        var start = Position;
        long offset = 0, count = 0;
        await foreach (var entry in sameEntries.WithCancellation(ct))
        {
            await WriteCentralAsync(entry.Validated(), offset, ct);
            offset += EntryLength(entry);
            count++;
        }
        if (offset != start || count != _entries)
            throw new InvalidOperationException($"the central directory lists {count} entries ending at {offset}; {_entries} entries ending at {start} were written");
        await WriteEndAsync(count, start, Position - start, ct);
        await FlushAsync(ct);
        _finished = true;
    }

    /// <summary>The same, for entries at hand.</summary>
    public ValueTask FinishAsync(IEnumerable<ZipEntry> sameEntries, CancellationToken ct = default) => FinishAsync(ToAsync(sameEntries), ct);

    private static async IAsyncEnumerable<ZipEntry> ToAsync(IEnumerable<ZipEntry> entries)
    {
        foreach (var e in entries) yield return e;
        await Task.CompletedTask;
    }

    private async ValueTask WriteCentralAsync(ZipEntry entry, long offset, CancellationToken ct)
    {
        var name = Encoding.UTF8.GetBytes(entry.Name);
        bool bigSize = entry.Size >= Max32, bigCompressed = entry.CompressedSize >= Max32, bigOffset = offset >= Max32;
        var extraLength = (bigSize ? 8 : 0) + (bigCompressed ? 8 : 0) + (bigOffset ? 8 : 0);
        var zip64 = extraLength > 0 || NeedsZip64Sizes(entry);
        var header = new byte[46 + name.Length + (extraLength > 0 ? 4 + extraLength : 0)];
        var s = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, CentralSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(s[4..], (ushort)(MadeByUnix | (zip64 ? VersionZip64 : VersionDefault)));
        BinaryPrimitives.WriteUInt16LittleEndian(s[6..], zip64 ? VersionZip64 : VersionDefault);
        BinaryPrimitives.WriteUInt16LittleEndian(s[8..], Utf8Flag);
        BinaryPrimitives.WriteUInt16LittleEndian(s[10..], (ushort)entry.Method);
        WriteDosTime(s[12..], entry.Modified);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], entry.Crc32);
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], bigCompressed ? uint.MaxValue : (uint)entry.CompressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], bigSize ? uint.MaxValue : (uint)entry.Size);
        BinaryPrimitives.WriteUInt16LittleEndian(s[28..], (ushort)name.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(s[30..], (ushort)(extraLength > 0 ? 4 + extraLength : 0));
        // comment length, disk number, internal attributes: 0
        BinaryPrimitives.WriteUInt32LittleEndian(s[38..], RegularFileMode);
        BinaryPrimitives.WriteUInt32LittleEndian(s[42..], bigOffset ? uint.MaxValue : (uint)offset);
        name.CopyTo(s[46..]);
        if (extraLength > 0)
        {
            // The Zip64 extra field holds only the values that do not fit, in this order.
            var extra = s[(46 + name.Length)..];
            BinaryPrimitives.WriteUInt16LittleEndian(extra, 0x0001);
            BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], (ushort)extraLength);
            var at = 4;
            if (bigSize) { BinaryPrimitives.WriteInt64LittleEndian(extra[at..], entry.Size); at += 8; }
            if (bigCompressed) { BinaryPrimitives.WriteInt64LittleEndian(extra[at..], entry.CompressedSize); at += 8; }
            if (bigOffset) BinaryPrimitives.WriteInt64LittleEndian(extra[at..], offset);
        }
        await WriteAsync(header, ct);
    }

    private async ValueTask WriteEndAsync(long count, long directoryOffset, long directoryLength, CancellationToken ct)
    {
        var zip64 = count >= ushort.MaxValue || directoryOffset >= Max32 || directoryLength >= Max32;
        if (zip64)
        {
            var recordOffset = Position;
            var record = new byte[56 + 20];
            var s = record.AsSpan();
            BinaryPrimitives.WriteUInt32LittleEndian(s, Zip64EndSignature);
            BinaryPrimitives.WriteInt64LittleEndian(s[4..], 44); // the record's size after this field
            BinaryPrimitives.WriteUInt16LittleEndian(s[12..], MadeByUnix | VersionZip64);
            BinaryPrimitives.WriteUInt16LittleEndian(s[14..], VersionZip64);
            // this disk, the directory's disk: 0
            BinaryPrimitives.WriteInt64LittleEndian(s[24..], count);
            BinaryPrimitives.WriteInt64LittleEndian(s[32..], count);
            BinaryPrimitives.WriteInt64LittleEndian(s[40..], directoryLength);
            BinaryPrimitives.WriteInt64LittleEndian(s[48..], directoryOffset);
            var locator = s[56..];
            BinaryPrimitives.WriteUInt32LittleEndian(locator, Zip64LocatorSignature);
            BinaryPrimitives.WriteInt64LittleEndian(locator[8..], recordOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(locator[16..], 1);
            await WriteAsync(record, ct);
        }
        var end = new byte[22];
        var e = end.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(e, EndSignature);
        var shortCount = count >= ushort.MaxValue ? ushort.MaxValue : (ushort)count;
        BinaryPrimitives.WriteUInt16LittleEndian(e[8..], shortCount);
        BinaryPrimitives.WriteUInt16LittleEndian(e[10..], shortCount);
        BinaryPrimitives.WriteUInt32LittleEndian(e[12..], directoryLength >= Max32 ? uint.MaxValue : (uint)directoryLength);
        BinaryPrimitives.WriteUInt32LittleEndian(e[16..], directoryOffset >= Max32 ? uint.MaxValue : (uint)directoryOffset);
        await WriteAsync(end, ct);
    }

    /// <summary>MS-DOS time and date (local time as given; two-second steps; 1980–2107).</summary>
    private static void WriteDosTime(Span<byte> s, DateTime t)
    {
        if (t.Year < 1980) t = new DateTime(1980, 1, 1);
        if (t.Year > 2107) t = new DateTime(2107, 12, 31, 23, 59, 58);
        BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)((t.Hour << 11) | (t.Minute << 5) | (t.Second / 2)));
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], (ushort)(((t.Year - 1980) << 9) | (t.Month << 5) | t.Day));
    }

    /// <summary>The length of the central directory and end records of <paramref name="entries"/> (for a Content-Length known before the first byte).</summary>
    public static long DirectoryLength(IEnumerable<ZipEntry> entries, long directoryOffset)
    {
        long offset = 0, length = 0, count = 0;
        foreach (var e in entries)
        {
            length += CentralLength(e, offset);
            offset += EntryLength(e);
            count++;
        }
        return length + EndLength(count, directoryOffset, length);
    }

    /// <summary>The length of one entry's central directory record when it starts at <paramref name="offset"/>.</summary>
    public static long CentralLength(in ZipEntry e, long offset)
    {
        var extra = (e.Size >= Max32 ? 8 : 0) + (e.CompressedSize >= Max32 ? 8 : 0) + (offset >= Max32 ? 8 : 0);
        return 46 + Encoding.UTF8.GetByteCount(e.Name) + (extra > 0 ? 4 + extra : 0);
    }

    /// <summary>The length of the end records.</summary>
    public static long EndLength(long count, long directoryOffset, long directoryLength) =>
        22 + (count >= ushort.MaxValue || directoryOffset >= Max32 || directoryLength >= Max32 ? 76 : 0);

    public async ValueTask DisposeAsync() => await FlushBufferAsync(CancellationToken.None);
}

using System.Globalization;
using System.Text;

namespace BudgetPortal.Web.Printing;

/// <summary>A PDF object reference (N G R).</summary>
public readonly record struct PdfRef(int Number, int Generation);

/// <summary>A PDF name (/Title), decoded from its #xx escapes.</summary>
public readonly record struct PdfName(string Value);

/// <summary>A PDF string as its raw bytes (literal or hex).</summary>
public sealed record PdfString(byte[] Bytes);

/// <summary>
/// Just enough of PDF (ISO 32000-1 §7) to read what Chromium's Skia writer produces — a classic
/// cross-reference table and uncompressed dictionaries — and to append an incremental update:
/// the page tree, named destinations, the catalog and the document information dictionary.
/// Streams are never parsed, only skipped. Anything else (object streams, xref streams) is refused,
/// so a PDF we cannot read correctly is never rewritten.
/// </summary>
public sealed class PdfFile
{
    private readonly byte[] _bytes;
    private readonly Dictionary<int, long> _offsets = [];
    private readonly Dictionary<string, object?> _trailer;
    private readonly long _startXref;

    public PdfFile(byte[] bytes)
    {
        _bytes = bytes;
        _startXref = FindStartXref();
        _trailer = ReadXrefSections(_startXref);
    }

    public int Size => Convert.ToInt32(_trailer["Size"], CultureInfo.InvariantCulture);
    public PdfRef Root => (PdfRef)_trailer["Root"]!;
    public PdfRef? InfoRef => _trailer.TryGetValue("Info", out var i) ? i as PdfRef? : null;

    public Dictionary<string, object?> Catalog => Dict(Root);

    public Dictionary<string, object?>? Info => InfoRef is { } r ? Dict(r) : null;

    /// <summary>The page objects in document order (a depth-first walk of the page tree).</summary>
    public IReadOnlyList<PdfRef> Pages()
    {
        var pages = new List<PdfRef>();
        void Walk(PdfRef node, int depth)
        {
            if (depth > 64) throw new FormatException("page tree too deep");
            var dict = Dict(node);
            if (dict.TryGetValue("Kids", out var kids) && kids is List<object?> list)
                foreach (var kid in list) Walk((PdfRef)kid!, depth + 1);
            else pages.Add(node);
        }
        Walk((PdfRef)Catalog["Pages"]!, 0);
        return pages;
    }

    /// <summary>Named destinations (/Dests in the catalog, or the /Names tree) → 1-based page numbers.</summary>
    public IReadOnlyDictionary<string, int> NamedDestinationPages()
    {
        var pageNumbers = Pages().Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i + 1);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string name, object? dest)
        {
            if (Resolve(dest) is Dictionary<string, object?> d && d.TryGetValue("D", out var inner)) dest = inner;
            if (Resolve(dest) is List<object?> { Count: > 0 } array && array[0] is PdfRef page && pageNumbers.TryGetValue(page, out var n))
                result[name] = n;
        }
        var catalog = Catalog;
        if (catalog.TryGetValue("Dests", out var dests) && Resolve(dests) is Dictionary<string, object?> dict)
            foreach (var (name, dest) in dict) Add(name, dest);
        if (catalog.TryGetValue("Names", out var names) && Resolve(names) is Dictionary<string, object?> nd
            && nd.TryGetValue("Dests", out var tree))
            WalkNameTree(Resolve(tree), Add, 0);
        return result;
    }

    private void WalkNameTree(object? node, Action<string, object?> add, int depth)
    {
        if (node is not Dictionary<string, object?> d || depth > 64) return;
        if (d.TryGetValue("Names", out var n) && Resolve(n) is List<object?> pairs)
            for (var i = 0; i + 1 < pairs.Count; i += 2)
                if (pairs[i] is PdfString key) add(Encoding.Latin1.GetString(key.Bytes), pairs[i + 1]);
        if (d.TryGetValue("Kids", out var k) && Resolve(k) is List<object?> kids)
            foreach (var kid in kids) WalkNameTree(Resolve(kid), add, depth + 1);
    }

    public object? Resolve(object? value) => value is PdfRef r ? ReadObject(r) : value;

    public Dictionary<string, object?> Dict(PdfRef r) =>
        ReadObject(r) as Dictionary<string, object?> ?? throw new FormatException($"object {r.Number} is not a dictionary");

    public object? ReadObject(PdfRef r)
    {
        if (!_offsets.TryGetValue(r.Number, out var offset))
            throw new FormatException($"object {r.Number} is not in the cross-reference table");
        var lexer = new Lexer(_bytes, (int)offset);
        var number = lexer.ReadValue();
        var generation = lexer.ReadValue();
        if (Convert.ToInt32(number, CultureInfo.InvariantCulture) != r.Number || lexer.ReadKeyword() != "obj")
            throw new FormatException($"object {r.Number} is not where the cross-reference table says");
        _ = generation;
        return lexer.ReadValue();
    }

    /// <summary>
    /// The file with an incremental update appended: the given objects replace (or add) theirs, and a
    /// new cross-reference section and trailer point back to the previous one (ISO 32000-1 §7.5.6).
    /// </summary>
    public byte[] AppendUpdate(IReadOnlyDictionary<int, object?> objects, PdfRef? newInfo = null)
    {
        using var output = new MemoryStream(_bytes.Length + 4096);
        output.Write(_bytes);
        if (_bytes[^1] != (byte)'\n') output.WriteByte((byte)'\n');
        var offsets = new SortedDictionary<int, long>();
        foreach (var (number, value) in objects)
        {
            offsets[number] = output.Position;
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture, $"{number} 0 obj\n");
            Write(sb, value);
            sb.Append("\nendobj\n");
            output.Write(Encoding.Latin1.GetBytes(sb.ToString()));
        }
        var xref = output.Position;
        var x = new StringBuilder("xref\n");
        foreach (var (number, offset) in offsets)
            x.Append(CultureInfo.InvariantCulture, $"{number} 1\n{offset:D10} 00000 n \n");
        var size = Math.Max(Size, offsets.Keys.Max() + 1);
        var info = newInfo ?? InfoRef;
        x.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {size} /Root {Root.Number} {Root.Generation} R");
        if (info is { } i) x.Append(CultureInfo.InvariantCulture, $" /Info {i.Number} {i.Generation} R");
        if (_trailer.TryGetValue("ID", out var id)) { x.Append(" /ID "); Write(x, id); }
        x.Append(CultureInfo.InvariantCulture, $" /Prev {_startXref} >>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Encoding.Latin1.GetBytes(x.ToString()));
        return output.ToArray();
    }

    /// <summary>
    /// The file with its document information (title, author, subject) and the catalog's /Lang set,
    /// as one incremental update; the other entries Chromium wrote (Creator, Producer, dates) stay.
    /// </summary>
    public byte[] WithDocumentInfo(string title, string author, string subject, string language, DateTimeOffset modified)
    {
        var info = Info is { } existing ? new Dictionary<string, object?>(existing, StringComparer.Ordinal) : [];
        info["Title"] = TextString(title);
        info["Author"] = TextString(author);
        info["Subject"] = TextString(subject);
        info["ModDate"] = Date(modified);
        var infoRef = InfoRef ?? new PdfRef(Size, 0);
        var objects = new Dictionary<int, object?> { [infoRef.Number] = info };
        var catalog = Catalog;
        if (Text(catalog.GetValueOrDefault("Lang")) != language)
        {
            catalog["Lang"] = TextString(language);
            objects[Root.Number] = catalog;
        }
        return AppendUpdate(objects, infoRef);
    }

    /// <summary>A text string as PDF writes non-Latin text: UTF-16BE with a byte order mark.</summary>
    public static PdfString TextString(string text) =>
        text.All(c => c is >= ' ' and < '\x7f')
            ? new PdfString(Encoding.ASCII.GetBytes(text))
            : new PdfString([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)]);

    /// <summary>A PDF date string: D:YYYYMMDDHHmmSS+HH'mm'.</summary>
    public static PdfString Date(DateTimeOffset at)
    {
        var offset = at.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var text = at.ToString("'D:'yyyyMMddHHmmss", CultureInfo.InvariantCulture) +
                   $"{sign}{Math.Abs(offset.Hours):D2}'{Math.Abs(offset.Minutes):D2}'";
        return new PdfString(Encoding.ASCII.GetBytes(text));
    }

    /// <summary>Decodes a PDF text string (UTF-16BE with BOM, else PDFDocEncoding ≈ Latin-1).</summary>
    public static string Text(object? value) => value switch
    {
        PdfString { Bytes: [0xFE, 0xFF, ..] } s => Encoding.BigEndianUnicode.GetString(s.Bytes, 2, s.Bytes.Length - 2),
        PdfString s => Encoding.Latin1.GetString(s.Bytes),
        _ => "",
    };

    private static void Write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case int or long or decimal: sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            case PdfRef r: sb.Append(CultureInfo.InvariantCulture, $"{r.Number} {r.Generation} R"); break;
            case PdfName n: WriteName(sb, n.Value); break;
            case PdfString s:
                sb.Append('<');
                foreach (var b in s.Bytes) sb.Append(b.ToString("X2", CultureInfo.InvariantCulture));
                sb.Append('>');
                break;
            case List<object?> list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++) { if (i > 0) sb.Append(' '); Write(sb, list[i]); }
                sb.Append(']');
                break;
            case Dictionary<string, object?> dict:
                sb.Append("<<");
                foreach (var (k, v) in dict) { WriteName(sb, k); sb.Append(' '); Write(sb, v); sb.Append('\n'); }
                sb.Append(">>");
                break;
            default: throw new FormatException($"cannot write {value.GetType().Name}");
        }
    }

    private static void WriteName(StringBuilder sb, string name)
    {
        sb.Append('/');
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            if (b is > 0x20 and < 0x7F && "#()<>[]{}/%".IndexOf((char)b) < 0) sb.Append((char)b);
            else sb.Append(CultureInfo.InvariantCulture, $"#{b:X2}");
        }
    }

    private long FindStartXref()
    {
        var tail = Encoding.Latin1.GetString(_bytes, Math.Max(0, _bytes.Length - 1024), Math.Min(1024, _bytes.Length));
        var at = tail.LastIndexOf("startxref", StringComparison.Ordinal);
        if (at < 0) throw new FormatException("no startxref: not a complete PDF");
        var lexer = new Lexer(Encoding.Latin1.GetBytes(tail), at + "startxref".Length);
        return Convert.ToInt64(lexer.ReadValue(), CultureInfo.InvariantCulture);
    }

    private Dictionary<string, object?> ReadXrefSections(long start)
    {
        Dictionary<string, object?>? newest = null;
        var seen = new HashSet<long>();
        for (long? at = start; at is { } offset; )
        {
            if (!seen.Add(offset) || offset < 0 || offset >= _bytes.Length) throw new FormatException("broken cross-reference chain");
            var lexer = new Lexer(_bytes, (int)offset);
            if (lexer.ReadKeyword() != "xref") throw new FormatException("cross-reference streams are not supported");
            while (true)
            {
                var token = lexer.ReadValue();
                if (token is Keyword { Text: "trailer" }) break;
                var first = Convert.ToInt32(token, CultureInfo.InvariantCulture);
                var count = Convert.ToInt32(lexer.ReadValue(), CultureInfo.InvariantCulture);
                for (var i = 0; i < count; i++)
                {
                    var entryOffset = Convert.ToInt64(lexer.ReadValue(), CultureInfo.InvariantCulture);
                    _ = lexer.ReadValue();
                    var kind = lexer.ReadKeyword();
                    // The newest section wins: an object already seen was replaced by a later update.
                    if (kind == "n" && !_offsets.ContainsKey(first + i)) _offsets[first + i] = entryOffset;
                    else if (kind == "f") _offsets.TryAdd(first + i, -1);
                }
            }
            var trailer = lexer.ReadValue() as Dictionary<string, object?> ?? throw new FormatException("trailer is not a dictionary");
            newest ??= trailer;
            at = trailer.TryGetValue("Prev", out var prev) ? Convert.ToInt64(prev, CultureInfo.InvariantCulture) : null;
        }
        foreach (var free in _offsets.Where(o => o.Value < 0).Select(o => o.Key).ToList()) _offsets.Remove(free);
        return newest!;
    }

    private sealed record Keyword(string Text);

    /// <summary>The PDF token grammar (§7.2–7.3) over the raw bytes.</summary>
    private sealed class Lexer(byte[] data, int position)
    {
        private int _pos = position;

        private static bool IsWhite(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;
        private static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

        private void SkipWhite()
        {
            while (_pos < data.Length)
            {
                if (IsWhite(data[_pos])) _pos++;
                else if (data[_pos] == '%') { while (_pos < data.Length && data[_pos] != '\n' && data[_pos] != '\r') _pos++; }
                else break;
            }
        }

        public string ReadKeyword() => ReadValue() is Keyword k ? k.Text : throw new FormatException("keyword expected");

        public object? ReadValue()
        {
            SkipWhite();
            if (_pos >= data.Length) throw new FormatException("unexpected end of file");
            var c = data[_pos];
            switch (c)
            {
                case (byte)'/':
                    _pos++;
                    var name = new List<byte>();
                    while (_pos < data.Length && !IsWhite(data[_pos]) && !IsDelimiter(data[_pos]))
                    {
                        if (data[_pos] == '#' && _pos + 2 < data.Length)
                        {
                            name.Add(Convert.ToByte(Encoding.ASCII.GetString(data, _pos + 1, 2), 16));
                            _pos += 3;
                        }
                        else name.Add(data[_pos++]);
                    }
                    return new PdfName(Encoding.UTF8.GetString(name.ToArray()));
                case (byte)'(':
                    return ReadLiteralString();
                case (byte)'<' when _pos + 1 < data.Length && data[_pos + 1] == '<':
                    _pos += 2;
                    var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                    while (true)
                    {
                        SkipWhite();
                        if (data[_pos] == '>' && data[_pos + 1] == '>') { _pos += 2; break; }
                        var key = ReadValue() is PdfName k ? k.Value : throw new FormatException("dictionary key is not a name");
                        dict[key] = ReadValue();
                    }
                    return dict;
                case (byte)'<':
                    _pos++;
                    var hex = new StringBuilder();
                    while (data[_pos] != '>') { if (!IsWhite(data[_pos])) hex.Append((char)data[_pos]); _pos++; }
                    _pos++;
                    if (hex.Length % 2 == 1) hex.Append('0');
                    return new PdfString(Convert.FromHexString(hex.ToString()));
                case (byte)'[':
                    _pos++;
                    var list = new List<object?>();
                    while (true)
                    {
                        SkipWhite();
                        if (data[_pos] == ']') { _pos++; break; }
                        list.Add(ReadValue());
                    }
                    return list;
                default:
                    var start = _pos;
                    while (_pos < data.Length && !IsWhite(data[_pos]) && !IsDelimiter(data[_pos])) _pos++;
                    if (_pos == start) throw new FormatException($"unexpected '{(char)c}' at {start}");
                    var token = Encoding.ASCII.GetString(data, start, _pos - start);
                    if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                    {
                        // N G R: look ahead for a reference.
                        var save = _pos;
                        SkipWhite();
                        var genStart = _pos;
                        while (_pos < data.Length && data[_pos] is >= (byte)'0' and <= (byte)'9') _pos++;
                        if (_pos > genStart)
                        {
                            var gen = int.Parse(Encoding.ASCII.GetString(data, genStart, _pos - genStart), CultureInfo.InvariantCulture);
                            SkipWhite();
                            if (_pos < data.Length && data[_pos] == 'R' && (_pos + 1 >= data.Length || IsWhite(data[_pos + 1]) || IsDelimiter(data[_pos + 1])))
                            {
                                _pos++;
                                return new PdfRef((int)integer, gen);
                            }
                        }
                        _pos = save;
                        return integer is >= int.MinValue and <= int.MaxValue ? (int)integer : integer;
                    }
                    if (decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)) return real;
                    return token switch { "true" => true, "false" => false, "null" => null, _ => new Keyword(token) };
            }
        }

        private PdfString ReadLiteralString()
        {
            _pos++;
            var bytes = new List<byte>();
            var depth = 1;
            while (true)
            {
                var b = data[_pos++];
                if (b == '\\')
                {
                    var e = data[_pos++];
                    switch (e)
                    {
                        case (byte)'n': bytes.Add(10); break;
                        case (byte)'r': bytes.Add(13); break;
                        case (byte)'t': bytes.Add(9); break;
                        case (byte)'b': bytes.Add(8); break;
                        case (byte)'f': bytes.Add(12); break;
                        case (byte)'\r': if (data[_pos] == '\n') _pos++; break;
                        case (byte)'\n': break;
                        case >= (byte)'0' and <= (byte)'7':
                            var value = e - '0';
                            for (var i = 0; i < 2 && data[_pos] is >= (byte)'0' and <= (byte)'7'; i++) value = value * 8 + (data[_pos++] - '0');
                            bytes.Add((byte)value);
                            break;
                        default: bytes.Add(e); break;
                    }
                }
                else if (b == '(') { depth++; bytes.Add(b); }
                else if (b == ')') { if (--depth == 0) break; bytes.Add(b); }
                else bytes.Add(b);
            }
            return new PdfString(bytes.ToArray());
        }
    }
}

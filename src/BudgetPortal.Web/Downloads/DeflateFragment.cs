using System.IO.Compression;

namespace BudgetPortal.Web.Downloads;

/// <summary>
/// A piece of a DEFLATE stream (RFC 1951) compressed on its own: non-final blocks ending in a sync flush
/// (an empty stored block, so the piece ends on a byte boundary). Pieces made separately and laid end
/// to end, followed by <see cref="FinalBlock"/>, are one valid stream: a piece refers back only within
/// itself. So a file made of many versions' parts (budget-lines.csv: every version's amount lines) is
/// compressed once per version, when it is published, and only copied afterwards. Its CRC-32 is the
/// pieces' CRCs combined (<see cref="Crc32Combine"/>), its length their lengths added.
/// </summary>
public sealed record DeflateFragment(byte[] Body, uint Crc32, long Length)
{
    /// <summary>An empty final block with fixed codes: BFINAL 1, BTYPE 01, end of block.</summary>
    public static readonly byte[] FinalBlock = [0x03, 0x00];

    public static DeflateFragment Of(ReadOnlySpan<byte> data, CompressionLevel level = CompressionLevel.SmallestSize)
    {
        if (data.IsEmpty) return new DeflateFragment([], 0, 0);
        using var body = new MemoryStream(data.Length / 4 + 64);
        var deflate = new DeflateStream(body, level, leaveOpen: true);
        deflate.Write(data);
        // Flush is zlib's Z_SYNC_FLUSH: everything so far out, ending in 00 00 FF FF, the stream not ended.
        deflate.Flush();
        var length = (int)body.Length;
        // Disposing adds the final block, which is not ours to add: it is cut off below.
        deflate.Dispose();
        var bytes = body.GetBuffer().AsSpan(0, length);
        if (length < 4 || bytes[^4] != 0x00 || bytes[^3] != 0x00 || bytes[^2] != 0xFF || bytes[^1] != 0xFF)
            throw new InvalidOperationException("DeflateStream.Flush did not end in a sync flush");
        return new DeflateFragment(bytes.ToArray(), System.IO.Hashing.Crc32.HashToUInt32(data), data.Length);
    }
}

/// <summary>
/// zlib's crc32_combine: the CRC-32 of A followed by B from the CRC-32 of A, that of B and B's length,
/// without the bytes (multiplication by x^(8·len) modulo the CRC polynomial, reflected as zlib does).
/// </summary>
public static class Crc32Combine
{
    private const uint Polynomial = 0xEDB88320;
    /// <summary>x^(2^k) mod p, k = 0…31.</summary>
    private static readonly uint[] PowersOfTwo = MakePowers();

    public static uint Combine(uint crcA, uint crcB, long lengthB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lengthB);
        return Multiply(XPower8N(lengthB), crcA) ^ crcB;
    }

    /// <summary>a·b modulo p (bit-reflected: bit 31 is x^0).</summary>
    private static uint Multiply(uint a, uint b)
    {
        uint m = 1u << 31, p = 0;
        while (true)
        {
            if ((a & m) != 0)
            {
                p ^= b;
                if ((a & (m - 1)) == 0) break;
            }
            m >>= 1;
            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }
        return p;
    }

    /// <summary>x^(8n) mod p.</summary>
    private static uint XPower8N(long n)
    {
        uint p = 1u << 31; // x^0
        var k = 3; // 8n = n·2^3
        while (n != 0)
        {
            if ((n & 1) != 0) p = Multiply(PowersOfTwo[k & 31], p);
            n >>= 1;
            k++;
        }
        return p;
    }

    private static uint[] MakePowers()
    {
        var table = new uint[32];
        var p = 1u << 30; // x^1
        table[0] = p;
        for (var i = 1; i < 32; i++) table[i] = p = Multiply(p, p);
        return table;
    }
}

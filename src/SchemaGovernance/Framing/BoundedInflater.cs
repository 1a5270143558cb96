using System.Buffers.Binary;
using System.IO.Compression;

namespace Etl.SchemaGovernance.Framing;

/// <summary>Inflates a zlib stream into a new array, stopping as soon as the output would pass a cap.</summary>
internal static class BoundedInflater
{
    internal enum Outcome
    {
        Inflated,
        LimitExceeded,
        Corrupt,
    }

    /// <summary>
    /// Inflates <paramref name="compressed"/>, which must be exactly one complete zlib stream. Never allocates more than <paramref name="maxBytes"/> + 1 bytes of output
    /// and never throws for bad input: a damaged stream is <see cref="Outcome.Corrupt"/>.
    /// </summary>
    public static Outcome TryInflate(ReadOnlyMemory<byte> compressed, int maxBytes, out byte[] output, out int length)
    {
        output = [];
        length = 0;
        if (compressed.IsEmpty)
        {
            return Outcome.Corrupt;
        }

        // A plausible first guess for text-like payloads, never beyond the cap.
        var capacity = (int)Math.Min((long)maxBytes + 1, Math.Max(256L, (long)compressed.Length * 4));
        var buffer = new byte[capacity];
        try
        {
            using var source = new ReadOnlyMemoryStream(compressed);
            using var zlib = new ZLibStream(source, CompressionMode.Decompress);
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        return Outcome.LimitExceeded;
                    }

                    var grown = (int)Math.Min((long)maxBytes + 1, (long)buffer.Length * 2);
                    Array.Resize(ref buffer, grown);
                }

                var read = zlib.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    return Outcome.LimitExceeded;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            length = 0;
            return Outcome.Corrupt;
        }

        // The decompressor reports a clean end of input even when the stream stops early; a complete zlib stream
        // ends with the Adler-32 of everything it inflated, so a truncated one fails this check.
        if (compressed.Length < 6 || BinaryPrimitives.ReadUInt32BigEndian(compressed.Span[^4..]) != Adler32.Compute(buffer.AsSpan(0, length)))
        {
            length = 0;
            return Outcome.Corrupt;
        }

        output = buffer;
        return Outcome.Inflated;
    }
}

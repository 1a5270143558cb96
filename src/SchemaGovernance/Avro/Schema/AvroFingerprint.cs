using System.Text;

namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>The specification's 64-bit Rabin fingerprint (CRC-64-AVRO) over the UTF-8 bytes of the Parsing Canonical Form.</summary>
internal static class AvroFingerprint
{
    /// <summary>The fingerprint of the empty input and the polynomial's reduction constant.</summary>
    public const ulong Empty = 0xc15d213aa4d7a795UL;

    private static readonly ulong[] Table = BuildTable();

    public static ulong Crc64(ReadOnlySpan<byte> data)
    {
        var fp = Empty;
        foreach (var b in data)
        {
            fp = (fp >> 8) ^ Table[(int)(fp ^ b) & 0xFF];
        }

        return fp;
    }

    /// <summary>CRC-64-AVRO of the schema's canonical form.</summary>
    public static ulong Of(AvroSchema schema) => Crc64(Encoding.UTF8.GetBytes(AvroCanonicalForm.Of(schema)));

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (var i = 0; i < 256; i++)
        {
            var fp = (ulong)i;
            for (var j = 0; j < 8; j++)
            {
                fp = (fp >> 1) ^ (Empty & (0UL - (fp & 1)));
            }

            table[i] = fp;
        }

        return table;
    }
}

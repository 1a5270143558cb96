using Etl.SchemaGovernance.Avro.Binary;

namespace Etl.SchemaGovernance.Avro.Resolution;

/// <summary>
/// Reads strings, reusing the string instance for short values seen recently (enumeration-like fields such as a
/// manufacturer name repeat across records). Caching turns itself off for a field once it mostly misses, so unique
/// values (serial numbers, ids) cost no more than a plain read. Entries are immutable, so sharing one instance
/// between threads is safe; the hit counters are advisory.
/// </summary>
internal sealed class CachingStringValueReader : AvroValueReader
{
    private const int MaxCachedBytes = 48;
    private const int Slots = 16;
    private const int Probation = 256;
    private readonly Entry?[] _entries = new Entry?[Slots];
    private int _lookups;
    private int _hits;
    private volatile bool _disabled;

    public override object? Read(ref AvroReader reader)
    {
        var start = reader.Position;
        var bytes = reader.ReadBytesSpan();
        if (_disabled || bytes.Length > MaxCachedBytes)
        {
            return reader.DecodeUtf8(bytes, start);
        }

        var slot = bytes.IsEmpty ? 0 : (bytes.Length * 31 + bytes[0] + (bytes[^1] * 7)) & (Slots - 1);
        var entry = _entries[slot];
        var lookups = ++_lookups;
        if (entry is not null && bytes.SequenceEqual(entry.Utf8))
        {
            _hits++;
            return entry.Value;
        }

        if (lookups == Probation && _hits * 2 < lookups)
        {
            _disabled = true;
        }

        var value = reader.DecodeUtf8(bytes, start);
        _entries[slot] = new Entry(bytes.ToArray(), value);
        return value;
    }

    private sealed record Entry(byte[] Utf8, string Value);
}

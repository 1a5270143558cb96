using Etl.SchemaGovernance.Avro.Binary;

namespace Etl.SchemaGovernance.Avro.Resolution;

/// <summary>Reads array blocks into a List&lt;object?&gt;; counts are checked against the input before any allocation.</summary>
internal sealed class ArrayValueReader(AvroValueReader items, int minItemSize) : AvroValueReader
{
    public override object? Read(ref AvroReader reader)
    {
        reader.EnterNested();
        var list = new List<object?>();
        while (true)
        {
            var count = reader.ReadBlockCount(minItemSize, out _);
            if (count == 0)
            {
                break;
            }

            if (list.Count + count > Array.MaxLength)
            {
                throw reader.Fail("the array is larger than a list can hold");
            }

            list.EnsureCapacity(list.Count + (int)count);
            for (var i = 0L; i < count; i++)
            {
                list.Add(items.Read(ref reader));
            }
        }

        reader.ExitNested();
        return list;
    }
}

/// <summary>
/// Reads map blocks: a Dictionary&lt;string, object?&gt; (generic; a repeated key keeps the last value) or a list of
/// key/value pairs in input order (columns).
/// </summary>
internal sealed class MapValueReader(AvroValueReader values, int minValueSize, AvroValueShape shape) : AvroValueReader
{
    public override object? Read(ref AvroReader reader)
    {
        reader.EnterNested();
        var dictionary = shape == AvroValueShape.Generic ? new Dictionary<string, object?>(StringComparer.Ordinal) : null;
        var pairs = dictionary is null ? new List<KeyValuePair<object, object?>>() : null;
        while (true)
        {
            // Each entry holds at least its key's length byte.
            var count = reader.ReadBlockCount(minValueSize + 1, out _);
            if (count == 0)
            {
                break;
            }

            for (var i = 0L; i < count; i++)
            {
                var key = reader.ReadString();
                var value = values.Read(ref reader);
                if (dictionary is not null)
                {
                    dictionary[key] = value;
                }
                else
                {
                    pairs!.Add(new KeyValuePair<object, object?>(key, value));
                }
            }
        }

        reader.ExitNested();
        return (object?)dictionary ?? pairs;
    }
}

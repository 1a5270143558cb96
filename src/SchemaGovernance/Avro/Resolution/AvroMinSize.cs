using System.Runtime.CompilerServices;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Resolution;

/// <summary>
/// The fewest bytes any value of a schema encodes to. Used to reject block counts that the remaining input cannot
/// possibly hold; a recursive reference counts as zero, which keeps the bound safe.
/// </summary>
internal static class AvroMinSize
{
    private static readonly ConditionalWeakTable<AvroSchema, StrongBox<int>> Cache = [];

    public static int Of(AvroSchema schema)
    {
        if (Cache.TryGetValue(schema, out var cached))
        {
            return cached.Value;
        }

        var size = Compute(schema, new HashSet<AvroSchema>(ReferenceEqualityComparer.Instance));
        Cache.AddOrUpdate(schema, new StrongBox<int>(size));
        return size;
    }

    private static int Compute(AvroSchema schema, HashSet<AvroSchema> inProgress) => schema switch
    {
        { Type: AvroType.Null } => 0,
        { Type: AvroType.Float } => 4,
        { Type: AvroType.Double } => 8,
        AvroFixedSchema f => f.Size,
        AvroRecordSchema r => RecordSize(r, inProgress),
        _ => 1,
    };

    private static int RecordSize(AvroRecordSchema record, HashSet<AvroSchema> inProgress)
    {
        if (!inProgress.Add(record))
        {
            return 0;
        }

        long total = 0;
        foreach (var field in record.Fields)
        {
            total += Compute(field.Schema, inProgress);
        }

        inProgress.Remove(record);
        return (int)Math.Min(total, int.MaxValue);
    }
}

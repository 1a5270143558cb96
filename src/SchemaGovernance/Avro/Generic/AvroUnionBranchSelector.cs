using System.Collections;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Generic;

/// <summary>
/// Chooses the union branch for a generic value: an exact type match first (named types by full name), then the
/// first branch the value can be widened to (int → long → float → double, byte[] → fixed of the same size,
/// string → enum holding the symbol).
/// </summary>
internal static class AvroUnionBranchSelector
{
    public static int Select(AvroUnionSchema union, object? value)
    {
        var branches = union.Branches;
        if (value is null)
        {
            return union.NullIndex;
        }

        var exact = value switch
        {
            bool => Find(branches, AvroType.Boolean),
            int => Find(branches, AvroType.Int),
            long => Find(branches, AvroType.Long),
            float => Find(branches, AvroType.Float),
            double => Find(branches, AvroType.Double),
            byte[] or ReadOnlyMemory<byte> => Find(branches, AvroType.Bytes),
            string => Find(branches, AvroType.String),
            AvroRecord r => FindNamed(branches, r.Schema),
            AvroEnumValue e => FindNamed(branches, e.Schema),
            AvroFixedValue f => FindNamed(branches, f.Schema),
            DateTimeOffset => FindLogical(branches, AvroLogicalKind.TimestampMillis, AvroLogicalKind.TimestampMicros, AvroLogicalKind.LocalTimestampMillis, AvroLogicalKind.LocalTimestampMicros),
            DateOnly => FindLogical(branches, AvroLogicalKind.Date),
            decimal => FindLogical(branches, AvroLogicalKind.Decimal),
            Guid => FindLogical(branches, AvroLogicalKind.Uuid),
            IEnumerable<KeyValuePair<string, object?>> => Find(branches, AvroType.Map),
            IEnumerable => Find(branches, AvroType.Array),
            _ => -1,
        };
        if (exact >= 0)
        {
            return exact;
        }

        return value switch
        {
            int => First(Find(branches, AvroType.Long), Find(branches, AvroType.Float), Find(branches, AvroType.Double)),
            long => First(Find(branches, AvroType.Float), Find(branches, AvroType.Double)),
            float => Find(branches, AvroType.Double),
            byte[] b => FindFixedOfSize(branches, b.Length),
            string s => FindEnumWithSymbol(branches, s),
            _ => -1,
        };
    }

    private static int First(params ReadOnlySpan<int> candidates)
    {
        foreach (var c in candidates)
        {
            if (c >= 0)
            {
                return c;
            }
        }

        return -1;
    }

    private static int Find(IReadOnlyList<AvroSchema> branches, AvroType type)
    {
        for (var i = 0; i < branches.Count; i++)
        {
            if (branches[i].Type == type)
            {
                return i;
            }
        }

        return -1;
    }

    private static int FindNamed(IReadOnlyList<AvroSchema> branches, AvroNamedSchema schema)
    {
        for (var i = 0; i < branches.Count; i++)
        {
            if (ReferenceEquals(branches[i], schema)
                || (branches[i] is AvroNamedSchema n && n.Type == schema.Type && n.FullName.Full == schema.FullName.Full))
            {
                return i;
            }
        }

        return -1;
    }

    private static int FindLogical(IReadOnlyList<AvroSchema> branches, params ReadOnlySpan<AvroLogicalKind> kinds)
    {
        for (var i = 0; i < branches.Count; i++)
        {
            if (branches[i].LogicalType is { } lt && kinds.Contains(lt.Kind))
            {
                return i;
            }
        }

        return -1;
    }

    private static int FindFixedOfSize(IReadOnlyList<AvroSchema> branches, int size)
    {
        for (var i = 0; i < branches.Count; i++)
        {
            if (branches[i] is AvroFixedSchema f && f.Size == size)
            {
                return i;
            }
        }

        return -1;
    }

    private static int FindEnumWithSymbol(IReadOnlyList<AvroSchema> branches, string symbol)
    {
        for (var i = 0; i < branches.Count; i++)
        {
            if (branches[i] is AvroEnumSchema e && e.IndexOf(symbol) >= 0)
            {
                return i;
            }
        }

        return -1;
    }
}

using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Resolution;

/// <summary>The matching rules of the specification's schema resolution, shared by the decoder and the compatibility checker.</summary>
internal static class AvroSchemaMatch
{
    /// <summary>
    /// Named types match when their unqualified names are equal or the reader lists the writer's full name among its
    /// aliases (or its unqualified name, for an alias given without namespace in the null namespace).
    /// </summary>
    public static bool NamesMatch(AvroNamedSchema reader, AvroNamedSchema writer)
    {
        if (string.Equals(reader.Name, writer.Name, StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var alias in reader.Aliases)
        {
            if (string.Equals(alias.Full, writer.FullName.Full, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a writer primitive of <paramref name="writer"/> type may be read as <paramref name="reader"/> type.</summary>
    public static bool IsPromotable(AvroType writer, AvroType reader) => (writer, reader) switch
    {
        (AvroType.Int, AvroType.Long or AvroType.Float or AvroType.Double) => true,
        (AvroType.Long, AvroType.Float or AvroType.Double) => true,
        (AvroType.Float, AvroType.Double) => true,
        (AvroType.String, AvroType.Bytes) => true,
        (AvroType.Bytes, AvroType.String) => true,
        _ => false,
    };

    /// <summary>
    /// Whether a non-union writer schema "matches" a reader schema at the top level (same type and name, or a
    /// permitted promotion), without looking inside records, arrays and maps.
    /// </summary>
    public static bool ShallowMatch(AvroSchema writer, AvroSchema reader, bool allowPromotion)
    {
        if (writer.Type == reader.Type)
        {
            return writer switch
            {
                AvroNamedSchema w => NamesMatch((AvroNamedSchema)reader, w),
                _ => true,
            };
        }

        return allowPromotion && IsPromotable(writer.Type, reader.Type);
    }

    /// <summary>
    /// The reader union branch that reads a non-union writer schema: the first branch that matches without promotion,
    /// else the first that matches with one; -1 when none does.
    /// </summary>
    public static int FindReaderBranch(AvroSchema writer, AvroUnionSchema reader)
    {
        for (var i = 0; i < reader.Branches.Count; i++)
        {
            if (ShallowMatch(writer, reader.Branches[i], allowPromotion: false))
            {
                return i;
            }
        }

        for (var i = 0; i < reader.Branches.Count; i++)
        {
            if (ShallowMatch(writer, reader.Branches[i], allowPromotion: true))
            {
                return i;
            }
        }

        return -1;
    }
}

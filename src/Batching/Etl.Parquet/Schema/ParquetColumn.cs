using Etl.Parquet.Metadata;

namespace Etl.Parquet.Schema;

/// <summary>A leaf column of a schema: its path, levels and storage form.</summary>
public sealed class ParquetColumn
{
    internal ParquetColumn(int index, IReadOnlyList<string> path, PrimitiveField field, int maxDefinitionLevel, int maxRepetitionLevel, PhysicalType physicalType, int typeLength)
    {
        Index = index;
        Path = path;
        DottedPath = string.Join('.', path);
        Field = field;
        MaxDefinitionLevel = maxDefinitionLevel;
        MaxRepetitionLevel = maxRepetitionLevel;
        PhysicalType = physicalType;
        TypeLength = typeLength;
    }

    /// <summary>Position among the leaves (depth-first schema order), which is also the column chunk order.</summary>
    public int Index { get; }

    /// <summary>path_in_schema, e.g. ["tags", "list", "element"].</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>The path joined with dots, e.g. "tags.list.element".</summary>
    public string DottedPath { get; }

    public PrimitiveField Field { get; }

    public int MaxDefinitionLevel { get; }

    public int MaxRepetitionLevel { get; }

    internal PhysicalType PhysicalType { get; }

    /// <summary>Byte length of FIXED_LEN_BYTE_ARRAY values; 0 otherwise.</summary>
    internal int TypeLength { get; }

    public override string ToString() => $"{DottedPath} ({Field.Type}, def {MaxDefinitionLevel}, rep {MaxRepetitionLevel})";
}

using Etl.Parquet.Schema;

namespace Etl.Parquet.Columns;

/// <summary>BOOLEAN column.</summary>
public sealed class BooleanColumnBuffer : FixedWidthColumnBuffer<bool>
{
    internal BooleanColumnBuffer(ParquetColumn column)
        : base(column)
    {
    }

    internal override void AppendObject(object value, int repetitionLevel) =>
        Append(value is bool b ? b : throw WrongType(value, "bool"), repetitionLevel);
}

/// <summary>FLOAT column.</summary>
public sealed class FloatColumnBuffer : FixedWidthColumnBuffer<float>
{
    internal FloatColumnBuffer(ParquetColumn column)
        : base(column)
    {
    }

    internal override void AppendObject(object value, int repetitionLevel) =>
        Append(value is float f ? f : throw WrongType(value, "float"), repetitionLevel);
}

/// <summary>DOUBLE column.</summary>
public sealed class DoubleColumnBuffer : FixedWidthColumnBuffer<double>
{
    internal DoubleColumnBuffer(ParquetColumn column)
        : base(column)
    {
    }

    internal override void AppendObject(object value, int repetitionLevel) =>
        Append(value is double d ? d : throw WrongType(value, "double"), repetitionLevel);
}

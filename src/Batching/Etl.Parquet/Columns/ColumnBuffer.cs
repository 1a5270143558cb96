using System.Runtime.CompilerServices;
using Etl.Parquet.Schema;

namespace Etl.Parquet.Columns;

/// <summary>
/// Values of one leaf column for the open row group, with their definition and repetition levels.
/// <para>
/// Flat columns: call <c>Append(value)</c> or <see cref="AppendNull()"/> once per row.
/// Nested columns: call <c>Append(value, repetitionLevel)</c> for a present value (its definition level is the
/// column's maximum) and <see cref="AppendNull(int, int)"/> for an absent one (a null leaf, or a null or empty
/// ancestor), following the Dremel rules: repetition level 0 starts a new row. <see cref="Shredding.RowShredder"/>
/// does this for object trees.
/// </para>
/// Buffers are not thread-safe; one writer thread fills them.
/// </summary>
public abstract class ColumnBuffer
{
    private readonly bool _hasLevels;
    private byte[] _definitionLevels = [];
    private byte[] _repetitionLevels = [];
    private int _levelCount;
    private int _rowCount;

    private protected ColumnBuffer(ParquetColumn column)
    {
        Column = column;
        MaxDefinitionLevel = column.MaxDefinitionLevel;
        MaxRepetitionLevel = column.MaxRepetitionLevel;
        _hasLevels = MaxDefinitionLevel > 0 || MaxRepetitionLevel > 0;
    }

    public ParquetColumn Column { get; }

    public int MaxDefinitionLevel { get; }

    public int MaxRepetitionLevel { get; }

    /// <summary>Present (non-null) values buffered.</summary>
    public abstract int ValueCount { get; }

    /// <summary>Level entries buffered: values plus nulls and empty or null ancestors.</summary>
    public int EntryCount => _hasLevels ? _levelCount : ValueCount;

    /// <summary>Rows started (entries with repetition level 0).</summary>
    public int RowCount => MaxRepetitionLevel > 0 ? _rowCount : EntryCount;

    /// <summary>Uncompressed size of the buffered values in their plain form (the size the row group limit uses).</summary>
    public abstract long ValueBytes { get; }

    internal bool HasLevels => _hasLevels;

    internal ReadOnlySpan<byte> DefinitionLevels => _definitionLevels.AsSpan(0, _levelCount);

    internal ReadOnlySpan<byte> RepetitionLevels => _repetitionLevels.AsSpan(0, MaxRepetitionLevel > 0 ? _levelCount : 0);

    /// <summary>Appends a null to a flat column (the leaf itself is null in a new row).</summary>
    public void AppendNull()
    {
        if (MaxDefinitionLevel == 0 || MaxRepetitionLevel > 0)
        {
            throw new InvalidOperationException($"Column '{Column.DottedPath}' is not a flat nullable column; use AppendNull(repetitionLevel, definitionLevel).");
        }

        AddLevels(0, MaxDefinitionLevel - 1);
    }

    /// <summary>Appends an absent value: the first ancestor (or the leaf) missing at <paramref name="definitionLevel"/>.</summary>
    public void AppendNull(int repetitionLevel, int definitionLevel)
    {
        if ((uint)definitionLevel >= (uint)MaxDefinitionLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(definitionLevel), definitionLevel, $"Column '{Column.DottedPath}': a null needs a definition level below {MaxDefinitionLevel}.");
        }

        CheckRepetition(repetitionLevel);
        AddLevels(repetitionLevel, definitionLevel);
    }

    /// <summary>Drops all buffered values (after the row group has been written).</summary>
    public void Clear()
    {
        _levelCount = 0;
        _rowCount = 0;
        ClearValues();
    }

    private protected abstract void ClearValues();

    private protected abstract void ReturnValueArrays();

    /// <summary>Gives the buffer's arrays back to the shared pool (the writer does this on dispose).</summary>
    internal void ReturnArrays()
    {
        Pooled.Return(_definitionLevels);
        Pooled.Return(_repetitionLevels);
        _definitionLevels = [];
        _repetitionLevels = [];
        _levelCount = 0;
        _rowCount = 0;
        ReturnValueArrays();
    }

    internal abstract void AppendObject(object value, int repetitionLevel);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void AddPresentLevels(int repetitionLevel)
    {
        if (_hasLevels)
        {
            if (repetitionLevel != 0)
            {
                CheckRepetition(repetitionLevel);
            }

            AddLevels(repetitionLevel, MaxDefinitionLevel);
        }
        else if (repetitionLevel != 0)
        {
            CheckRepetition(repetitionLevel);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddLevels(int repetitionLevel, int definitionLevel)
    {
        if (_levelCount == _definitionLevels.Length)
        {
            GrowLevels();
        }

        _definitionLevels[_levelCount] = (byte)definitionLevel;
        if (MaxRepetitionLevel > 0)
        {
            _repetitionLevels[_levelCount] = (byte)repetitionLevel;
            if (repetitionLevel == 0)
            {
                _rowCount++;
            }
        }

        _levelCount++;
    }

    /// <summary>Bulk path for the reader: levels decoded from a page.</summary>
    internal void AppendLevels(ReadOnlySpan<byte> repetitionLevels, ReadOnlySpan<byte> definitionLevels)
    {
        for (var i = 0; i < definitionLevels.Length; i++)
        {
            AddLevels(repetitionLevels.IsEmpty ? 0 : repetitionLevels[i], definitionLevels[i]);
        }
    }

    private void CheckRepetition(int repetitionLevel)
    {
        if ((uint)repetitionLevel > (uint)MaxRepetitionLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(repetitionLevel), repetitionLevel, $"Column '{Column.DottedPath}': repetition level must be 0..{MaxRepetitionLevel}.");
        }
    }

    private void GrowLevels()
    {
        var size = Math.Max(1024, _definitionLevels.Length * 2);
        _definitionLevels = Pooled.Resize(_definitionLevels, size, _levelCount);
        if (MaxRepetitionLevel > 0)
        {
            _repetitionLevels = Pooled.Resize(_repetitionLevels, size, _levelCount);
        }
    }

    private protected ArgumentException WrongType(object value, string expected) =>
        new($"Column '{Column.DottedPath}' ({Column.Field.Type}) expects {expected}, got {value.GetType().Name}.", nameof(value));

    private protected InvalidOperationException WrongColumn(string method) =>
        new($"{method} does not apply to column '{Column.DottedPath}' of type {Column.Field.Type}.");

    /// <summary>Creates the buffer type that matches the column's physical type.</summary>
    public static ColumnBuffer Create(ParquetColumn column) => column.PhysicalType switch
    {
        Metadata.PhysicalType.Boolean => new BooleanColumnBuffer(column),
        Metadata.PhysicalType.Int32 => new Int32ColumnBuffer(column),
        Metadata.PhysicalType.Int64 => new Int64ColumnBuffer(column),
        Metadata.PhysicalType.Float => new FloatColumnBuffer(column),
        Metadata.PhysicalType.Double => new DoubleColumnBuffer(column),
        Metadata.PhysicalType.ByteArray or Metadata.PhysicalType.FixedLenByteArray => new ByteArrayColumnBuffer(column),
        _ => throw new NotSupportedException($"Column '{column.DottedPath}' has physical type {column.PhysicalType}, which is not supported."),
    };
}

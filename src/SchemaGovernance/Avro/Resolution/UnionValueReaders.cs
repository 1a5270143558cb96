using Etl.SchemaGovernance.Avro.Binary;

namespace Etl.SchemaGovernance.Avro.Resolution;

/// <summary>Reads a writer union: the branch index, then the branch through its own plan (which may be a deferred error).</summary>
internal sealed class WriterUnionValueReader(AvroValueReader[] branches) : AvroValueReader
{
    public override object? Read(ref AvroReader reader)
    {
        var start = reader.Position;
        var index = reader.ReadLong();
        if ((ulong)index >= (ulong)branches.Length)
        {
            throw reader.FailAt(start, $"union branch {index} is outside the writer's {branches.Length} branches");
        }

        reader.EnterNested();
        var value = branches[index].Read(ref reader);
        reader.ExitNested();
        return value;
    }
}

/// <summary>
/// Column shape of a general (not just nullable) reader union: a struct with one slot per non-null reader branch, of
/// which the slot of the chosen branch is set.
/// </summary>
internal sealed class UnionStructValueReader(AvroValueReader inner, int member, int memberCount) : AvroValueReader
{
    public override object? Read(ref AvroReader reader)
    {
        var value = inner.Read(ref reader);
        var row = new object?[memberCount];
        row[member] = value;
        return row;
    }
}

/// <summary>A writer branch the reader cannot read: the error surfaces only if data actually uses that branch.</summary>
internal sealed class FailingValueReader(string problem) : AvroValueReader
{
    public override object? Read(ref AvroReader reader) => throw reader.Fail(problem);
}

/// <summary>Skips a writer value that the reader does not want.</summary>
internal sealed class SkippingValueReader(Schema.AvroSchema writer) : AvroValueReader
{
    public override object? Read(ref AvroReader reader)
    {
        AvroSkipper.Skip(writer, ref reader);
        return null;
    }
}

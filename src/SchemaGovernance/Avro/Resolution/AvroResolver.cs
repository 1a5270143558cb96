using System.Globalization;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Resolution;

/// <summary>
/// Compiles the specification's schema resolution for a (writer, reader) pair into a read plan. Mismatches that the
/// specification calls errors throw <see cref="AvroResolutionException"/> here; a mismatch inside one writer union
/// branch only fails when data uses that branch. Recursive schemas compile to cyclic plans.
/// </summary>
internal sealed class AvroResolver
{
    private readonly AvroValueShape _shape;
    private readonly Dictionary<(AvroSchema, AvroSchema), RecordValueReader> _records = new(PairComparer.Instance);

    private AvroResolver(AvroValueShape shape) => _shape = shape;

    public static AvroValueReader Build(AvroSchema writer, AvroSchema reader, AvroValueShape shape) =>
        new AvroResolver(shape).Resolve(writer, reader, string.Empty);

    private AvroValueReader Resolve(AvroSchema writer, AvroSchema reader, string path)
    {
        if (writer is AvroUnionSchema writerUnion)
        {
            var branches = new AvroValueReader[writerUnion.Branches.Count];
            for (var i = 0; i < branches.Length; i++)
            {
                try
                {
                    branches[i] = Resolve(writerUnion.Branches[i], reader, path);
                }
                catch (AvroResolutionException e)
                {
                    branches[i] = new FailingValueReader($"the writer's union branch {i} cannot be read: {e.Message}");
                }
            }

            return new WriterUnionValueReader(branches);
        }

        if (reader is AvroUnionSchema readerUnion)
        {
            var k = AvroSchemaMatch.FindReaderBranch(writer, readerUnion);
            if (k < 0)
            {
                throw new AvroResolutionException($"no branch of the reader's union matches the writer's {writer.DisplayName}", path);
            }

            var inner = Resolve(writer, readerUnion.Branches[k], path + "/" + k.ToString(CultureInfo.InvariantCulture));
            if (_shape == AvroValueShape.Generic || readerUnion.NonNullBranchCount <= 1 || readerUnion.Branches[k].Type == AvroType.Null)
            {
                return inner;
            }

            var member = 0;
            var members = 0;
            for (var i = 0; i < readerUnion.Branches.Count; i++)
            {
                if (readerUnion.Branches[i].Type != AvroType.Null)
                {
                    if (i < k)
                    {
                        member++;
                    }

                    members++;
                }
            }

            return new UnionStructValueReader(inner, member, members);
        }

        if (writer.Type != reader.Type)
        {
            if (!AvroSchemaMatch.IsPromotable(writer.Type, reader.Type))
            {
                throw new AvroResolutionException($"the reader's {reader.DisplayName} cannot read the writer's {writer.DisplayName}", path);
            }

            return new ConvertingValueReader(writer.Type, reader, _shape);
        }

        return writer switch
        {
            AvroPrimitiveSchema => Primitive(reader),
            AvroRecordSchema w => Record(w, (AvroRecordSchema)reader, path),
            AvroEnumSchema w => Enum(w, (AvroEnumSchema)reader, path),
            AvroFixedSchema w => Fixed(w, (AvroFixedSchema)reader, path),
            AvroArraySchema w => new ArrayValueReader(Resolve(w.Items, ((AvroArraySchema)reader).Items, path + "/items"), AvroMinSize.Of(w.Items)),
            AvroMapSchema w => new MapValueReader(Resolve(w.Values, ((AvroMapSchema)reader).Values, path + "/values"), AvroMinSize.Of(w.Values), _shape),
            _ => throw new AvroResolutionException($"unknown schema type {writer.Type}", path),
        };
    }

    private AvroValueReader Primitive(AvroSchema reader)
    {
        if (_shape == AvroValueShape.Columns && reader.LogicalType is { } logical)
        {
            return logical.Kind switch
            {
                AvroLogicalKind.TimestampMillis or AvroLogicalKind.LocalTimestampMillis => new TimestampValueReader(micros: false),
                AvroLogicalKind.TimestampMicros or AvroLogicalKind.LocalTimestampMicros => new TimestampValueReader(micros: true),
                _ => new ConvertingValueReader(reader.Type, reader, _shape),
            };
        }

        return reader.Type switch
        {
            AvroType.Null => NullValueReader.Instance,
            AvroType.Boolean => BooleanValueReader.Instance,
            AvroType.Int => IntValueReader.Instance,
            AvroType.Long => LongValueReader.Instance,
            AvroType.Float => FloatValueReader.Instance,
            AvroType.Double => DoubleValueReader.Instance,
            AvroType.Bytes => BytesValueReader.Instance,
            AvroType.String => _shape == AvroValueShape.Columns ? new CachingStringValueReader() : StringValueReader.Instance,
            _ => throw new InvalidOperationException($"{reader.Type} is not primitive"),
        };
    }

    private RecordValueReader Record(AvroRecordSchema writer, AvroRecordSchema reader, string path)
    {
        if (_records.TryGetValue((writer, reader), out var existing))
        {
            return existing;
        }

        RequireNames(writer, reader, path);
        var plan = new RecordValueReader(reader, _shape);
        _records[(writer, reader)] = plan;

        var matched = new bool[reader.Fields.Count];
        var steps = new (int, AvroValueReader)[writer.Fields.Count];
        for (var i = 0; i < writer.Fields.Count; i++)
        {
            var writerField = writer.Fields[i];
            var readerField = FindReaderField(reader, writerField.Name, path);
            if (readerField is null)
            {
                steps[i] = (-1, new SkippingValueReader(writerField.Schema));
                continue;
            }

            matched[readerField.Position] = true;
            var fieldPath = path + "/fields/" + readerField.Position.ToString(CultureInfo.InvariantCulture) + "/type";
            steps[i] = (readerField.Position, Resolve(writerField.Schema, readerField.Schema, fieldPath));
        }

        var defaults = new List<(int, ReadOnlyMemory<byte>, AvroValueReader)>();
        foreach (var readerField in reader.Fields)
        {
            if (matched[readerField.Position])
            {
                continue;
            }

            if (!readerField.HasDefault)
            {
                throw new AvroResolutionException(
                    $"the reader's field '{readerField.Name}' is not in the writer's record {writer.FullName} and has no default",
                    path + "/fields/" + readerField.Position.ToString(CultureInfo.InvariantCulture));
            }

            var fieldPath = path + "/fields/" + readerField.Position.ToString(CultureInfo.InvariantCulture) + "/default";
            defaults.Add((readerField.Position, readerField.DefaultBinary, Resolve(readerField.Schema, readerField.Schema, fieldPath)));
        }

        plan.Complete(steps, [.. defaults]);
        return plan;
    }

    /// <summary>The reader field named like the writer field, else the one that lists it as an alias.</summary>
    private static AvroField? FindReaderField(AvroRecordSchema reader, string writerFieldName, string path)
    {
        var direct = reader.GetField(writerFieldName);
        if (direct is not null)
        {
            return direct;
        }

        AvroField? byAlias = null;
        foreach (var field in reader.Fields)
        {
            if (field.Aliases.Contains(writerFieldName, StringComparer.Ordinal))
            {
                if (byAlias is not null)
                {
                    throw new AvroResolutionException($"reader fields '{byAlias.Name}' and '{field.Name}' both alias the writer's field '{writerFieldName}'", path);
                }

                byAlias = field;
            }
        }

        return byAlias;
    }

    private EnumValueReader Enum(AvroEnumSchema writer, AvroEnumSchema reader, string path)
    {
        RequireNames(writer, reader, path);
        return new EnumValueReader(writer, reader, _shape);
    }

    private FixedValueReader Fixed(AvroFixedSchema writer, AvroFixedSchema reader, string path)
    {
        RequireNames(writer, reader, path);
        if (writer.Size != reader.Size)
        {
            throw new AvroResolutionException($"the reader's fixed {reader.FullName} has size {reader.Size}, the writer's {writer.Size}", path + "/size");
        }

        return new FixedValueReader(reader, _shape);
    }

    private static void RequireNames(AvroNamedSchema writer, AvroNamedSchema reader, string path)
    {
        if (!AvroSchemaMatch.NamesMatch(reader, writer))
        {
            throw new AvroResolutionException($"the reader's {AvroSchema.TypeName(reader.Type)} {reader.FullName} does not match the writer's {writer.FullName} (name or alias)", path);
        }
    }

    private sealed class PairComparer : IEqualityComparer<(AvroSchema, AvroSchema)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((AvroSchema, AvroSchema) x, (AvroSchema, AvroSchema) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((AvroSchema, AvroSchema) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item2));
    }
}

using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Avro.Resolution;

/// <summary>Skips over a value written with a schema, using block byte sizes where the writer gave them.</summary>
internal static class AvroSkipper
{
    public static void Skip(AvroSchema schema, ref AvroReader r)
    {
        switch (schema.Type)
        {
            case AvroType.Null:
                break;
            case AvroType.Boolean:
                r.ReadBoolean();
                break;
            case AvroType.Int:
                r.ReadInt();
                break;
            case AvroType.Long:
                r.ReadLong();
                break;
            case AvroType.Float:
                r.Skip(4);
                break;
            case AvroType.Double:
                r.Skip(8);
                break;
            case AvroType.Bytes:
            case AvroType.String:
                r.SkipBytes();
                break;
            case AvroType.Fixed:
                r.Skip(((AvroFixedSchema)schema).Size);
                break;
            case AvroType.Enum:
                r.ReadInt();
                break;
            case AvroType.Record:
                r.EnterNested();
                foreach (var field in ((AvroRecordSchema)schema).Fields)
                {
                    Skip(field.Schema, ref r);
                }

                r.ExitNested();
                break;
            case AvroType.Array:
                SkipBlocks(((AvroArraySchema)schema).Items, isMap: false, ref r);
                break;
            case AvroType.Map:
                SkipBlocks(((AvroMapSchema)schema).Values, isMap: true, ref r);
                break;
            case AvroType.Union:
                var union = (AvroUnionSchema)schema;
                var start = r.Position;
                var index = r.ReadLong();
                if ((ulong)index >= (ulong)union.Branches.Count)
                {
                    throw r.FailAt(start, $"union branch {index} is outside the writer's {union.Branches.Count} branches");
                }

                r.EnterNested();
                Skip(union.Branches[(int)index], ref r);
                r.ExitNested();
                break;
            default:
                throw r.Fail($"unknown schema type {schema.Type}");
        }
    }

    private static void SkipBlocks(AvroSchema items, bool isMap, ref AvroReader r)
    {
        r.EnterNested();
        var minSize = AvroMinSize.Of(items) + (isMap ? 1 : 0);
        while (true)
        {
            var count = r.ReadBlockCount(minSize, out var blockBytes);
            if (count == 0)
            {
                break;
            }

            if (blockBytes >= 0)
            {
                r.Skip((int)blockBytes);
                continue;
            }

            for (var i = 0L; i < count; i++)
            {
                if (isMap)
                {
                    r.SkipBytes();
                }

                Skip(items, ref r);
            }
        }

        r.ExitNested();
    }
}

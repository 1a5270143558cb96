using System.Globalization;
using System.Text;

namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>
/// The specification's Parsing Canonical Form: full names, only the attributes that affect parsing (name, type,
/// fields, symbols, items, values, size) in that order, primitives as bare strings, named types spelled out at their
/// first occurrence and referenced by full name afterwards, no whitespace.
/// </summary>
internal static class AvroCanonicalForm
{
    public static string Of(AvroSchema schema)
    {
        var sb = new StringBuilder();
        Append(schema, sb, new HashSet<string>(StringComparer.Ordinal));
        return sb.ToString();
    }

    private static void Append(AvroSchema schema, StringBuilder sb, HashSet<string> defined)
    {
        switch (schema)
        {
            case AvroPrimitiveSchema:
                AppendString(sb, AvroSchema.TypeName(schema.Type));
                break;
            case AvroNamedSchema named when !defined.Add(named.FullName.Full):
                AppendString(sb, named.FullName.Full);
                break;
            case AvroRecordSchema record:
                sb.Append("{\"name\":");
                AppendString(sb, record.FullName.Full);
                sb.Append(",\"type\":").Append(record.IsError ? "\"error\"" : "\"record\"").Append(",\"fields\":[");
                for (var i = 0; i < record.Fields.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    sb.Append("{\"name\":");
                    AppendString(sb, record.Fields[i].Name);
                    sb.Append(",\"type\":");
                    Append(record.Fields[i].Schema, sb, defined);
                    sb.Append('}');
                }

                sb.Append("]}");
                break;
            case AvroEnumSchema e:
                sb.Append("{\"name\":");
                AppendString(sb, e.FullName.Full);
                sb.Append(",\"type\":\"enum\",\"symbols\":[");
                for (var i = 0; i < e.Symbols.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    AppendString(sb, e.Symbols[i]);
                }

                sb.Append("]}");
                break;
            case AvroFixedSchema f:
                sb.Append("{\"name\":");
                AppendString(sb, f.FullName.Full);
                sb.Append(",\"type\":\"fixed\",\"size\":").Append(f.Size.ToString(CultureInfo.InvariantCulture)).Append('}');
                break;
            case AvroArraySchema a:
                sb.Append("{\"type\":\"array\",\"items\":");
                Append(a.Items, sb, defined);
                sb.Append('}');
                break;
            case AvroMapSchema m:
                sb.Append("{\"type\":\"map\",\"values\":");
                Append(m.Values, sb, defined);
                sb.Append('}');
                break;
            case AvroUnionSchema u:
                sb.Append('[');
                for (var i = 0; i < u.Branches.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Append(u.Branches[i], sb, defined);
                }

                sb.Append(']');
                break;
            default:
                throw new InvalidOperationException($"unknown schema node {schema.GetType().Name}");
        }
    }

    private static void AppendString(StringBuilder sb, string value)
    {
        // Names and symbols are ASCII identifiers, so the only escaping JSON could need never arises; keep the
        // general path for robustness (UTF-8 characters are written as themselves, not as \u escapes).
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }

        sb.Append('"');
    }
}

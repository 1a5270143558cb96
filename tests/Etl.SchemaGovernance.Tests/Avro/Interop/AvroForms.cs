using System.Globalization;
using System.Text.Json;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Tests.Avro.Interop;

/// <summary>
/// The neutral JSON form the avsc script uses for values: bytes and fixed as {"$b":hex}, unions as
/// {"$u":branch,"v":form}, records and maps as objects. Compares generic values with forms and builds values from them.
/// </summary>
internal static class AvroForms
{
    /// <summary>Null when <paramref name="value"/> equals <paramref name="form"/>, else where and how they differ.</summary>
    public static string? Difference(AvroSchema schema, object? value, JsonElement form, string path = "$")
    {
        switch (schema)
        {
            case AvroPrimitiveSchema:
                return schema.Type switch
                {
                    AvroType.Null => value is null && form.ValueKind == JsonValueKind.Null ? null : Diff(path, value, form),
                    AvroType.Boolean => value is bool b && form.ValueKind is JsonValueKind.True or JsonValueKind.False && b == form.GetBoolean() ? null : Diff(path, value, form),
                    AvroType.Int => value is int i && form.TryGetInt32(out var fi) && i == fi ? null : Diff(path, value, form),
                    AvroType.Long => value is long l && form.TryGetInt64(out var fl) && l == fl ? null : Diff(path, value, form),
                    AvroType.Float => value is float f && f.Equals((float)form.GetDouble()) ? null : Diff(path, value, form),
                    AvroType.Double => value is double d && d.Equals(form.GetDouble()) ? null : Diff(path, value, form),
                    AvroType.String => value is string s && s == form.GetString() ? null : Diff(path, value, form),
                    AvroType.Bytes => value is byte[] by && Convert.ToHexString(by).Equals(form.GetProperty("$b").GetString(), StringComparison.OrdinalIgnoreCase) ? null : Diff(path, value, form),
                    _ => "unexpected primitive at " + path,
                };
            case AvroFixedSchema:
                return value is AvroFixedValue fx && Convert.ToHexString(fx.Bytes).Equals(form.GetProperty("$b").GetString(), StringComparison.OrdinalIgnoreCase) ? null : Diff(path, value, form);
            case AvroEnumSchema:
                return value is AvroEnumValue e && e.Symbol == form.GetString() ? null : Diff(path, value, form);
            case AvroArraySchema a:
                {
                    if (value is not List<object?> list || form.ValueKind != JsonValueKind.Array || list.Count != form.GetArrayLength())
                    {
                        return Diff(path, value, form);
                    }

                    var i = 0;
                    foreach (var item in form.EnumerateArray())
                    {
                        var d = Difference(a.Items, list[i], item, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                        if (d is not null)
                        {
                            return d;
                        }

                        i++;
                    }

                    return null;
                }

            case AvroMapSchema m:
                {
                    if (value is not Dictionary<string, object?> map || form.ValueKind != JsonValueKind.Object || map.Count != form.EnumerateObject().Count())
                    {
                        return Diff(path, value, form);
                    }

                    foreach (var entry in form.EnumerateObject())
                    {
                        if (!map.TryGetValue(entry.Name, out var v))
                        {
                            return $"missing key {entry.Name} at {path}";
                        }

                        var d = Difference(m.Values, v, entry.Value, path + "[" + entry.Name + "]");
                        if (d is not null)
                        {
                            return d;
                        }
                    }

                    return null;
                }

            case AvroRecordSchema r:
                {
                    if (value is not AvroRecord record)
                    {
                        return Diff(path, value, form);
                    }

                    foreach (var field in r.Fields)
                    {
                        var d = Difference(field.Schema, record[field.Position], form.GetProperty(field.Name), path + "." + field.Name);
                        if (d is not null)
                        {
                            return d;
                        }
                    }

                    return null;
                }

            case AvroUnionSchema u:
                {
                    var branch = AvroUnionBranchSelector.Select(u, value);
                    var expected = form.GetProperty("$u").GetInt32();
                    return branch != expected
                        ? $"union branch {branch} instead of {expected} at {path}"
                        : Difference(u.Branches[branch], value, form.GetProperty("v"), path + "<" + branch.ToString(CultureInfo.InvariantCulture) + ">");
                }

            default:
                return "unknown schema at " + path;
        }
    }

    /// <summary>The generic value a form stands for.</summary>
    public static object? ToValue(AvroSchema schema, JsonElement form) => schema switch
    {
        AvroPrimitiveSchema => schema.Type switch
        {
            AvroType.Null => null,
            AvroType.Boolean => form.GetBoolean(),
            AvroType.Int => form.GetInt32(),
            AvroType.Long => form.GetInt64(),
            AvroType.Float => (float)form.GetDouble(),
            AvroType.Double => form.GetDouble(),
            AvroType.String => form.GetString(),
            AvroType.Bytes => Convert.FromHexString(form.GetProperty("$b").GetString()!),
            _ => throw new InvalidOperationException("unexpected primitive"),
        },
        AvroFixedSchema f => new AvroFixedValue(f, Convert.FromHexString(form.GetProperty("$b").GetString()!)),
        AvroEnumSchema e => new AvroEnumValue(e, form.GetString()!),
        AvroArraySchema a => form.EnumerateArray().Select(item => ToValue(a.Items, item)).ToList(),
        AvroMapSchema m => form.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(m.Values, p.Value), StringComparer.Ordinal),
        AvroRecordSchema r => new AvroRecord(r, [.. r.Fields.Select(f => ToValue(f.Schema, form.GetProperty(f.Name)))]),
        AvroUnionSchema u => ToValue(u.Branches[form.GetProperty("$u").GetInt32()], form.GetProperty("v")),
        _ => throw new InvalidOperationException("unknown schema"),
    };

    private static string Diff(string path, object? value, JsonElement form) =>
        $"at {path}: ours {value ?? "null"} ({value?.GetType().Name ?? "null"}), avsc {form.GetRawText()}";
}

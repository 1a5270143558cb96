using System.Globalization;
using System.Text.Json;

namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>State of one parse: the named types defined so far and the field defaults still to validate.</summary>
internal sealed class AvroSchemaParseContext
{
    private readonly Dictionary<string, AvroNamedSchema> _names = new(StringComparer.Ordinal);
    private readonly List<(AvroField Field, string Path)> _pendingDefaults = [];

    public AvroSchema ParseSchema(JsonElement node, string? ns, string path) => node.ValueKind switch
    {
        JsonValueKind.String => ParseReference(node.GetString()!, ns, path),
        JsonValueKind.Array => ParseUnion(node, ns, path),
        JsonValueKind.Object => ParseObject(node, ns, path),
        _ => throw new AvroSchemaException($"a schema must be a JSON string, object or array, not {Describe(node)}", path),
    };

    /// <summary>Validates and encodes every field default; run once the whole graph is known (defaults may be recursive).</summary>
    public void CompleteDefaults()
    {
        foreach (var (field, path) in _pendingDefaults)
        {
            field.DefaultBinary = AvroDefaultEncoder.Encode(field.Schema, field.DefaultJson!.Value, path);
        }
    }

    private AvroSchema ParseReference(string name, string? ns, string path)
    {
        var primitive = PrimitiveOf(name);
        if (primitive is not null)
        {
            return AvroPrimitiveSchema.Of(primitive.Value);
        }

        if (!AvroNames.IsValidFullName(name))
        {
            throw new AvroSchemaException($"'{name}' is neither a type name nor a valid name", path);
        }

        if (_names.TryGetValue(AvroName.Resolve(name, ns).Full, out var named)
            || (!name.Contains('.', StringComparison.Ordinal) && _names.TryGetValue(name, out named)))
        {
            return named;
        }

        throw new AvroSchemaException($"unknown type '{name}'", path);
    }

    private AvroUnionSchema ParseUnion(JsonElement node, string? ns, string path)
    {
        var branches = new List<AvroSchema>(node.GetArrayLength());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in node.EnumerateArray())
        {
            var branchPath = path + "/" + i.ToString(CultureInfo.InvariantCulture);
            var branch = ParseSchema(item, ns, branchPath);
            if (branch.Type == AvroType.Union)
            {
                throw new AvroSchemaException("a union may not immediately contain another union", branchPath);
            }

            var key = branch is AvroNamedSchema n ? n.FullName.Full : AvroSchema.TypeName(branch.Type);
            if (!seen.Add(key))
            {
                throw new AvroSchemaException($"the union already has a branch of type '{key}'", branchPath);
            }

            branches.Add(branch);
            i++;
        }

        return new AvroUnionSchema(branches);
    }

    private AvroSchema ParseObject(JsonElement node, string? ns, string path)
    {
        if (!node.TryGetProperty("type", out var typeNode))
        {
            throw new AvroSchemaException("the schema object has no 'type'", path);
        }

        if (typeNode.ValueKind != JsonValueKind.String)
        {
            throw new AvroSchemaException($"'type' must be a string naming a type, not {Describe(typeNode)}", path + "/type");
        }

        var type = typeNode.GetString()!;
        var primitive = PrimitiveOf(type);
        if (primitive is not null)
        {
            return AvroPrimitiveSchema.Of(primitive.Value, LogicalTypeOf(node, primitive.Value, 0));
        }

        return type switch
        {
            "record" or "error" => ParseRecord(node, ns, path, isError: type == "error"),
            "enum" => ParseEnum(node, ns, path),
            "fixed" => ParseFixed(node, ns, path),
            "array" => new AvroArraySchema(ParseSchema(Required(node, "items", path), ns, path + "/items")),
            "map" => new AvroMapSchema(ParseSchema(Required(node, "values", path), ns, path + "/values")),
            _ => ParseReference(type, ns, path + "/type"),
        };
    }

    private AvroRecordSchema ParseRecord(JsonElement node, string? ns, string path, bool isError)
    {
        var (name, aliases) = ParseNameAndAliases(node, ns, path);
        var record = new AvroRecordSchema(name, aliases, OptionalString(node, "doc", path), isError);
        Define(record, path);

        var fieldsNode = Required(node, "fields", path);
        if (fieldsNode.ValueKind != JsonValueKind.Array)
        {
            throw new AvroSchemaException($"'fields' must be an array, not {Describe(fieldsNode)}", path + "/fields");
        }

        var fields = new List<AvroField>(fieldsNode.GetArrayLength());
        var fieldNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fieldNode in fieldsNode.EnumerateArray())
        {
            var fieldPath = path + "/fields/" + fields.Count.ToString(CultureInfo.InvariantCulture);
            var field = ParseField(fieldNode, name.Namespace, fieldPath, fields.Count);
            if (!fieldNames.Add(field.Name))
            {
                throw new AvroSchemaException($"the record already has a field named '{field.Name}'", fieldPath + "/name");
            }

            fields.Add(field);
        }

        record.SetFields(fields);
        return record;
    }

    private AvroField ParseField(JsonElement node, string? ns, string path, int position)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            throw new AvroSchemaException($"a field must be a JSON object, not {Describe(node)}", path);
        }

        var nameNode = Required(node, "name", path);
        var name = nameNode.ValueKind == JsonValueKind.String ? nameNode.GetString()! : string.Empty;
        if (!AvroNames.IsValidName(name))
        {
            throw new AvroSchemaException($"field name {nameNode.GetRawText()} is not a valid name ([A-Za-z_][A-Za-z0-9_]*)", path + "/name");
        }

        var schema = ParseSchema(Required(node, "type", path), ns, path + "/type");
        var order = AvroFieldOrder.Ascending;
        if (node.TryGetProperty("order", out var orderNode))
        {
            order = (orderNode.ValueKind == JsonValueKind.String ? orderNode.GetString() : null) switch
            {
                "ascending" => AvroFieldOrder.Ascending,
                "descending" => AvroFieldOrder.Descending,
                "ignore" => AvroFieldOrder.Ignore,
                _ => throw new AvroSchemaException($"'order' must be ascending, descending or ignore, not {orderNode.GetRawText()}", path + "/order"),
            };
        }

        var aliases = new List<string>();
        if (node.TryGetProperty("aliases", out var aliasesNode))
        {
            foreach (var (alias, i) in StringArray(aliasesNode, path + "/aliases"))
            {
                if (!AvroNames.IsValidName(alias))
                {
                    throw new AvroSchemaException($"field alias '{alias}' is not a valid name", path + "/aliases/" + i.ToString(CultureInfo.InvariantCulture));
                }

                aliases.Add(alias);
            }
        }

        JsonElement? defaultJson = node.TryGetProperty("default", out var defaultNode) ? defaultNode.Clone() : null;
        var field = new AvroField(name, position, schema, OptionalString(node, "doc", path), aliases, order, defaultJson);
        if (defaultJson is not null)
        {
            _pendingDefaults.Add((field, path + "/default"));
        }

        return field;
    }

    private AvroEnumSchema ParseEnum(JsonElement node, string? ns, string path)
    {
        var (name, aliases) = ParseNameAndAliases(node, ns, path);
        var symbols = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (symbol, i) in StringArray(Required(node, "symbols", path), path + "/symbols"))
        {
            var symbolPath = path + "/symbols/" + i.ToString(CultureInfo.InvariantCulture);
            if (!AvroNames.IsValidName(symbol))
            {
                throw new AvroSchemaException($"enum symbol '{symbol}' is not a valid name", symbolPath);
            }

            if (!seen.Add(symbol))
            {
                throw new AvroSchemaException($"enum symbol '{symbol}' is repeated", symbolPath);
            }

            symbols.Add(symbol);
        }

        string? defaultSymbol = null;
        if (node.TryGetProperty("default", out var defaultNode))
        {
            defaultSymbol = defaultNode.ValueKind == JsonValueKind.String ? defaultNode.GetString() : null;
            if (defaultSymbol is null || !seen.Contains(defaultSymbol))
            {
                throw new AvroSchemaException($"enum default {defaultNode.GetRawText()} is not one of the symbols", path + "/default");
            }
        }

        var schema = new AvroEnumSchema(name, aliases, OptionalString(node, "doc", path), symbols, defaultSymbol);
        Define(schema, path);
        return schema;
    }

    private AvroFixedSchema ParseFixed(JsonElement node, string? ns, string path)
    {
        var (name, aliases) = ParseNameAndAliases(node, ns, path);
        var sizeNode = Required(node, "size", path);
        if (sizeNode.ValueKind != JsonValueKind.Number || !sizeNode.TryGetInt32(out var size) || size < 0)
        {
            throw new AvroSchemaException($"'size' must be a non-negative integer, not {sizeNode.GetRawText()}", path + "/size");
        }

        var schema = new AvroFixedSchema(name, aliases, OptionalString(node, "doc", path), size, FixedLogicalTypeOf(node, size));
        Define(schema, path);
        return schema;
    }

    private static (AvroName Name, IReadOnlyList<AvroName> Aliases) ParseNameAndAliases(JsonElement node, string? ns, string path)
    {
        var nameNode = Required(node, "name", path);
        var rawName = nameNode.ValueKind == JsonValueKind.String ? nameNode.GetString()! : string.Empty;
        if (!AvroNames.IsValidFullName(rawName))
        {
            throw new AvroSchemaException($"type name {nameNode.GetRawText()} is not a valid name", path + "/name");
        }

        var enclosing = ns;
        if (node.TryGetProperty("namespace", out var nsNode) && !rawName.Contains('.', StringComparison.Ordinal))
        {
            var declared = nsNode.ValueKind switch
            {
                JsonValueKind.String => nsNode.GetString()!,
                JsonValueKind.Null => string.Empty,
                _ => throw new AvroSchemaException($"'namespace' must be a string, not {Describe(nsNode)}", path + "/namespace"),
            };
            if (!AvroNames.IsValidNamespace(declared))
            {
                throw new AvroSchemaException($"namespace '{declared}' is not a dotted sequence of valid names", path + "/namespace");
            }

            enclosing = declared;
        }

        var name = AvroName.Resolve(rawName, enclosing);
        if (AvroNames.IsPrimitiveName(name.Name))
        {
            throw new AvroSchemaException($"'{name.Name}' is a primitive type name and cannot name a type", path + "/name");
        }

        var aliases = new List<AvroName>();
        if (node.TryGetProperty("aliases", out var aliasesNode))
        {
            foreach (var (alias, i) in StringArray(aliasesNode, path + "/aliases"))
            {
                if (!AvroNames.IsValidFullName(alias))
                {
                    throw new AvroSchemaException($"alias '{alias}' is not a valid name", path + "/aliases/" + i.ToString(CultureInfo.InvariantCulture));
                }

                aliases.Add(AvroName.Resolve(alias, name.Namespace));
            }
        }

        return (name, aliases);
    }

    private void Define(AvroNamedSchema schema, string path)
    {
        if (!_names.TryAdd(schema.FullName.Full, schema))
        {
            throw new AvroSchemaException($"the name '{schema.FullName.Full}' is already defined", path + "/name");
        }
    }

    private static AvroLogicalType? LogicalTypeOf(JsonElement node, AvroType type, int fixedSize)
    {
        if (!node.TryGetProperty("logicalType", out var logicalNode) || logicalNode.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return (logicalNode.GetString(), type) switch
        {
            ("decimal", AvroType.Bytes) => DecimalOf(node, int.MaxValue),
            ("decimal", AvroType.Fixed) => DecimalOf(node, MaxDecimalPrecision(fixedSize)),
            ("uuid", AvroType.String) => AvroLogicalType.Uuid,
            ("uuid", AvroType.Fixed) when fixedSize == 16 => AvroLogicalType.Uuid,
            ("date", AvroType.Int) => AvroLogicalType.Date,
            ("time-millis", AvroType.Int) => AvroLogicalType.TimeMillis,
            ("time-micros", AvroType.Long) => AvroLogicalType.TimeMicros,
            ("timestamp-millis", AvroType.Long) => AvroLogicalType.TimestampMillis,
            ("timestamp-micros", AvroType.Long) => AvroLogicalType.TimestampMicros,
            ("local-timestamp-millis", AvroType.Long) => AvroLogicalType.LocalTimestampMillis,
            ("local-timestamp-micros", AvroType.Long) => AvroLogicalType.LocalTimestampMicros,
            ("duration", AvroType.Fixed) when fixedSize == 12 => AvroLogicalType.Duration,
            _ => null,
        };
    }

    private static AvroLogicalType? FixedLogicalTypeOf(JsonElement node, int size) => LogicalTypeOf(node, AvroType.Fixed, size);

    private static AvroLogicalType? DecimalOf(JsonElement node, int maxPrecision)
    {
        if (!node.TryGetProperty("precision", out var p) || p.ValueKind != JsonValueKind.Number || !p.TryGetInt32(out var precision)
            || precision < 1 || precision > maxPrecision)
        {
            return null;
        }

        var scale = 0;
        if (node.TryGetProperty("scale", out var s)
            && (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out scale) || scale < 0 || scale > precision))
        {
            return null;
        }

        return new AvroLogicalType(AvroLogicalKind.Decimal, precision, scale);
    }

    /// <summary>The largest number of decimal digits a signed two's-complement value of <paramref name="size"/> bytes always holds.</summary>
    internal static int MaxDecimalPrecision(int size)
    {
        if (size <= 0)
        {
            return 0;
        }

        // floor(log10(2^(8*size-1) - 1)) computed without floating point for large sizes.
        var max = (System.Numerics.BigInteger.One << ((8 * size) - 1)) - 1;
        var digits = max.ToString(CultureInfo.InvariantCulture).Length;
        return digits - 1;
    }

    private static AvroType? PrimitiveOf(string name) => name switch
    {
        "null" => AvroType.Null,
        "boolean" => AvroType.Boolean,
        "int" => AvroType.Int,
        "long" => AvroType.Long,
        "float" => AvroType.Float,
        "double" => AvroType.Double,
        "bytes" => AvroType.Bytes,
        "string" => AvroType.String,
        _ => null,
    };

    private static JsonElement Required(JsonElement node, string property, string path) =>
        node.TryGetProperty(property, out var value)
            ? value
            : throw new AvroSchemaException($"the schema object has no '{property}'", path);

    private static string? OptionalString(JsonElement node, string property, string path)
    {
        if (!node.TryGetProperty(property, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new AvroSchemaException($"'{property}' must be a string, not {Describe(value)}", path + "/" + property);
    }

    private static IEnumerable<(string Value, int Index)> StringArray(JsonElement node, string path)
    {
        if (node.ValueKind != JsonValueKind.Array)
        {
            throw new AvroSchemaException($"expected an array of strings, not {Describe(node)}", path);
        }

        var i = 0;
        foreach (var item in node.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new AvroSchemaException($"expected a string, not {Describe(item)}", path + "/" + i.ToString(CultureInfo.InvariantCulture));
            }

            yield return (item.GetString()!, i++);
        }
    }

    internal static string Describe(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "the string " + node.GetRawText(),
        JsonValueKind.Number => "the number " + node.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => node.GetRawText(),
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}

using System.Text.Json;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>Reads the keywords of one schema object into a <see cref="SchemaNode"/>, following the rules of a draft.</summary>
internal sealed class KeywordReader(JsonSchemaDraft draft)
{
    /// <summary>Extension keyword: <c>"x-etl-decimal": {"precision": p, "scale": s}</c> maps a number to decimal(p,s).</summary>
    public const string DecimalKeyword = "x-etl-decimal";

    public void Fill(SchemaCompiler compiler, SchemaNode node, SchemaResource at)
    {
        var e = at.Element;
        switch (e.ValueKind)
        {
            case JsonValueKind.True:
            case JsonValueKind.False:
                node.BooleanSchema = e.ValueKind == JsonValueKind.True;
                return;
            case JsonValueKind.Object:
                break;
            default:
                throw Invalid(at, "a schema must be an object or a boolean");
        }

        if (e.TryGetProperty("$ref", out var reference))
        {
            if (reference.ValueKind != JsonValueKind.String)
            {
                throw Invalid(at, "$ref must be a string");
            }

            node.Ref = compiler.ResolveRef(at, reference.GetString()!);
            return;
        }

        var inPlace = new List<InPlaceCheck>();
        ReadType(node, at);
        ReadGeneric(compiler, node, at, inPlace);
        ReadNumber(node, at);
        ReadString(node, at);
        ReadObject(compiler, node, at);
        ReadArray(compiler, node, at);
        node.InPlace = [.. inPlace];
    }

    private static void ReadType(SchemaNode node, SchemaResource at)
    {
        var e = at.Element;
        if (e.TryGetProperty("type", out var type))
        {
            var types = JsonTypes.None;
            if (type.ValueKind == JsonValueKind.String)
            {
                types = ParseType(at, type);
            }
            else if (type.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in type.EnumerateArray())
                {
                    types |= ParseType(at, item);
                }
            }
            else
            {
                throw Invalid(at, "type must be a string or an array of strings");
            }

            node.Annotations.DeclaredTypes = types;
            if (e.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True)
            {
                node.Annotations.Nullable = true;
                types |= JsonTypes.Null;
            }

            node.Types = (types & JsonTypes.Number) != 0 ? types | JsonTypes.Integer : types;
        }
        else if (e.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True)
        {
            node.Annotations.Nullable = true;
        }

        if (e.TryGetProperty(DecimalKeyword, out var dec))
        {
            if (dec.ValueKind != JsonValueKind.Object || !dec.TryGetProperty("precision", out var p) || !p.TryGetInt32(out var precision)
                || !dec.TryGetProperty("scale", out var s) || !s.TryGetInt32(out var scale)
                || precision is < 1 or > 38 || scale < 0 || scale > precision)
            {
                throw Invalid(at, DecimalKeyword + " must be {\"precision\": 1..38, \"scale\": 0..precision}");
            }

            node.Annotations.Decimal = (precision, scale);
        }
    }

    private static JsonTypes ParseType(SchemaResource at, JsonElement name) =>
        name.ValueKind == JsonValueKind.String && JsonTypeNames.TryParse(name.GetString()!, out var t)
            ? t
            : throw Invalid(at, $"unknown type {name.GetRawText()}");

    private void ReadGeneric(SchemaCompiler compiler, SchemaNode node, SchemaResource at, List<InPlaceCheck> inPlace)
    {
        var e = at.Element;
        if (e.TryGetProperty("enum", out var enumValues))
        {
            if (enumValues.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(at, "enum must be an array");
            }

            var values = enumValues.EnumerateArray().Select(v => v.Clone()).ToArray();
            node.Annotations.EnumValues = values;
            inPlace.Add(new EnumCheck(values, "enum"));
        }

        if (draft >= JsonSchemaDraft.Draft6 && e.TryGetProperty("const", out var constant))
        {
            var value = constant.Clone();
            node.Annotations.EnumValues ??= [value];
            inPlace.Add(new EnumCheck([value], "const"));
        }

        if (SchemaArray(compiler, at, "allOf") is { } allOf)
        {
            node.Annotations.AllOf = allOf;
            inPlace.Add(new AllOfCheck(allOf));
        }

        if (SchemaArray(compiler, at, "anyOf") is { } anyOf)
        {
            node.Annotations.AnyOf = anyOf;
            inPlace.Add(new AnyOfCheck(anyOf));
        }

        if (SchemaArray(compiler, at, "oneOf") is { } oneOf)
        {
            node.Annotations.OneOf = oneOf;
            inPlace.Add(new OneOfCheck(oneOf));
        }

        if (SubSchema(compiler, at, "not") is { } not)
        {
            inPlace.Add(new NotCheck(not));
        }

        if (draft >= JsonSchemaDraft.Draft7 && SubSchema(compiler, at, "if") is { } condition)
        {
            var then = SubSchema(compiler, at, "then");
            var otherwise = SubSchema(compiler, at, "else");
            if (then is not null || otherwise is not null)
            {
                inPlace.Add(new IfThenElseCheck(condition, then, otherwise));
            }
        }
    }

    private void ReadNumber(SchemaNode node, SchemaResource at)
    {
        var e = at.Element;
        var checks = new NumberChecks
        {
            Minimum = Number(at, "minimum"),
            Maximum = Number(at, "maximum"),
            MultipleOf = Number(at, "multipleOf"),
        };
        if (checks.MultipleOf is { Double: <= 0 })
        {
            throw Invalid(at, "multipleOf must be greater than 0");
        }

        if (draft == JsonSchemaDraft.Draft4)
        {
            if (e.TryGetProperty("exclusiveMinimum", out var xmin) && xmin.ValueKind == JsonValueKind.True && checks.Minimum is not null)
            {
                (checks.ExclusiveMinimum, checks.Minimum) = (checks.Minimum, null);
            }

            if (e.TryGetProperty("exclusiveMaximum", out var xmax) && xmax.ValueKind == JsonValueKind.True && checks.Maximum is not null)
            {
                (checks.ExclusiveMaximum, checks.Maximum) = (checks.Maximum, null);
            }
        }
        else
        {
            checks.ExclusiveMinimum = Number(at, "exclusiveMinimum");
            checks.ExclusiveMaximum = Number(at, "exclusiveMaximum");
        }

        if (!checks.IsEmpty)
        {
            node.Number = checks;
        }
    }

    private static void ReadString(SchemaNode node, SchemaResource at)
    {
        var e = at.Element;
        var checks = new StringChecks { MinLength = Count(at, "minLength"), MaxLength = Count(at, "maxLength") };
        if (e.TryGetProperty("pattern", out var pattern))
        {
            checks.PatternText = pattern.ValueKind == JsonValueKind.String ? pattern.GetString()! : throw Invalid(at, "pattern must be a string");
            checks.Pattern = CompileRegex(at, checks.PatternText);
        }

        if (e.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String)
        {
            node.Annotations.Format = format.GetString();
            checks.Format = FormatValidator.For(node.Annotations.Format!);
        }

        if (!checks.IsEmpty)
        {
            node.String = checks;
        }
    }

    private void ReadObject(SchemaCompiler compiler, SchemaNode node, SchemaResource at)
    {
        var e = at.Element;
        var checks = new ObjectChecks
        {
            MinProperties = Count(at, "minProperties"),
            MaxProperties = Count(at, "maxProperties"),
            Additional = SubSchema(compiler, at, "additionalProperties"),
            PropertyNames = draft >= JsonSchemaDraft.Draft6 ? SubSchema(compiler, at, "propertyNames") : null,
        };
        var any = checks.MinProperties is not null || checks.MaxProperties is not null || checks.Additional is not null
            || checks.PropertyNames is not null;

        if (e.TryGetProperty("properties", out var properties))
        {
            if (properties.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(at, "properties must be an object");
            }

            var pointer = JsonPointer.Append(at.Pointer, "properties");
            foreach (var member in properties.EnumerateObject())
            {
                if (checks.IndexOf(member.Name) >= 0)
                {
                    throw Invalid(at, $"property '{member.Name}' is declared twice");
                }

                checks.Known.Add(new ObjectProperty(member.Name, compiler.Child(at, member.Value, JsonPointer.Append(pointer, member.Name))));
            }

            checks.DeclaredCount = checks.Known.Count;
            any = true;
        }

        if (e.TryGetProperty("patternProperties", out var patterns))
        {
            if (patterns.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(at, "patternProperties must be an object");
            }

            var pointer = JsonPointer.Append(at.Pointer, "patternProperties");
            checks.Patterns =
            [
                .. patterns.EnumerateObject().Select(m =>
                    (CompileRegex(at, m.Name), m.Name, compiler.Child(at, m.Value, JsonPointer.Append(pointer, m.Name)))),
            ];
            any |= checks.Patterns.Length > 0;
        }

        if (e.TryGetProperty("required", out var required))
        {
            if (required.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(at, "required must be an array");
            }

            checks.Required = [.. required.EnumerateArray().Select(r => KnownIndex(checks, at, r))];
            any |= checks.Required.Length > 0;
        }

        if (e.TryGetProperty("dependencies", out var dependencies) && dependencies.ValueKind == JsonValueKind.Object)
        {
            var pointer = JsonPointer.Append(at.Pointer, "dependencies");
            var list = new List<PropertyDependency>();
            foreach (var member in dependencies.EnumerateObject())
            {
                var key = KnownIndex(checks, at, member.Name);
                list.Add(member.Value.ValueKind == JsonValueKind.Array
                    ? new PropertyDependency(key, [.. member.Value.EnumerateArray().Select(r => KnownIndex(checks, at, r))], null)
                    : new PropertyDependency(key, [], compiler.Child(at, member.Value, JsonPointer.Append(pointer, member.Name))));
            }

            checks.Dependencies = [.. list];
            any |= list.Count > 0;
        }

        if (any)
        {
            checks.Seal();
            node.Object = checks;
        }
    }

    private void ReadArray(SchemaCompiler compiler, SchemaNode node, SchemaResource at)
    {
        var e = at.Element;
        var checks = new ArrayChecks
        {
            MinItems = Count(at, "minItems"),
            MaxItems = Count(at, "maxItems"),
            UniqueItems = e.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True,
            Contains = draft >= JsonSchemaDraft.Draft6 ? SubSchema(compiler, at, "contains") : null,
        };
        var any = checks.MinItems is not null || checks.MaxItems is not null || checks.UniqueItems || checks.Contains is not null;
        if (e.TryGetProperty("items", out var items))
        {
            if (items.ValueKind == JsonValueKind.Array)
            {
                checks.Tuple = SchemaArray(compiler, at, "items");
                checks.AdditionalItems = SubSchema(compiler, at, "additionalItems");
            }
            else
            {
                checks.Items = SubSchema(compiler, at, "items");
            }

            any = true;
        }

        if (any)
        {
            node.Array = checks;
        }
    }

    private static int KnownIndex(ObjectChecks checks, SchemaResource at, JsonElement name) =>
        name.ValueKind == JsonValueKind.String ? KnownIndex(checks, at, name.GetString()!) : throw Invalid(at, "property names must be strings");

    private static int KnownIndex(ObjectChecks checks, SchemaResource at, string name)
    {
        var index = checks.IndexOf(name);
        if (index >= 0)
        {
            return index;
        }

        checks.Known.Add(new ObjectProperty(name, null));
        return checks.Known.Count - 1;
    }

    private SchemaNode? SubSchema(SchemaCompiler compiler, SchemaResource at, string keyword)
    {
        if (!at.Element.TryGetProperty(keyword, out var child))
        {
            return null;
        }

        if (child.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False)
            || (draft == JsonSchemaDraft.Draft4 && child.ValueKind != JsonValueKind.Object
                && keyword is not ("additionalProperties" or "additionalItems")))
        {
            throw Invalid(at, $"{keyword} must be a schema");
        }

        return compiler.Child(at, child, JsonPointer.Append(at.Pointer, keyword));
    }

    private static SchemaNode[]? SchemaArray(SchemaCompiler compiler, SchemaResource at, string keyword)
    {
        if (!at.Element.TryGetProperty(keyword, out var array))
        {
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0 && keyword != "items")
        {
            throw Invalid(at, $"{keyword} must be a non-empty array of schemas");
        }

        var pointer = JsonPointer.Append(at.Pointer, keyword);
        var i = 0;
        return [.. array.EnumerateArray().Select(child => compiler.Child(at, child, JsonPointer.Append(pointer, i++)))];
    }

    private static NumericBound? Number(SchemaResource at, string keyword) =>
        !at.Element.TryGetProperty(keyword, out var value) ? null
        : value.ValueKind == JsonValueKind.Number ? NumericBound.From(value)
        : throw Invalid(at, $"{keyword} must be a number");

    private static int? Count(SchemaResource at, string keyword)
    {
        if (!at.Element.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && d >= 0 && decimal.Truncate(d) == d)
        {
            return d > int.MaxValue ? int.MaxValue : (int)d;
        }

        throw Invalid(at, $"{keyword} must be a non-negative integer");
    }

    private static System.Text.RegularExpressions.Regex CompileRegex(SchemaResource at, string pattern)
    {
        try
        {
            return EcmaRegex.Compile(pattern);
        }
        catch (ArgumentException e)
        {
            throw new JsonSchemaException($"invalid regular expression '{pattern}' at {at.Key}", e) { SchemaLocation = at.Key };
        }
    }

    private static JsonSchemaException Invalid(SchemaResource at, string message) =>
        new($"invalid schema at {at.Key}: {message}") { SchemaLocation = at.Key };
}

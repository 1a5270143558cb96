using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Etl.SchemaGovernance.Mapping;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>
/// properties, patternProperties, additionalProperties, required, dependencies, propertyNames, minProperties and
/// maxProperties, evaluated in one pass over the object's members. Property names are matched on UTF-8 bytes.
/// </summary>
internal sealed class ObjectChecks
{
    private const int StackSeen = 256;
    private const int LinearLookupLimit = 12;

    private const int StackNameChars = 128;

    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>? lookup;

    /// <summary>Declared properties first (in schema order, indexes 0..DeclaredCount-1), then names known only from required or dependencies.</summary>
    public List<ObjectProperty> Known { get; } = [];

    public int DeclaredCount { get; set; }

    public int[] Required { get; set; } = [];

    public (Regex Regex, string Pattern, SchemaNode Schema)[] Patterns { get; set; } = [];

    /// <summary>The additionalProperties schema; null when any additional property is allowed.</summary>
    public SchemaNode? Additional { get; set; }

    public SchemaNode? PropertyNames { get; set; }

    public PropertyDependency[] Dependencies { get; set; } = [];

    public int? MinProperties { get; set; }

    public int? MaxProperties { get; set; }

    /// <summary>Finishes construction: builds the name lookup for large objects.</summary>
    public void Seal()
    {
        if (Known.Count > LinearLookupLimit)
        {
            var byName = new Dictionary<string, int>(Known.Count, StringComparer.Ordinal);
            for (var i = 0; i < Known.Count; i++)
            {
                byName.TryAdd(Known[i].Name, i);
            }

            lookup = byName.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    public int IndexOf(string name)
    {
        for (var i = 0; i < Known.Count; i++)
        {
            if (string.Equals(Known[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Validates the object the reader is on (StartObject) and leaves the reader on its EndObject. When
    /// <paramref name="conversion"/> is given, the values of declared properties are converted into
    /// <paramref name="row"/> as they are validated.
    /// </summary>
    public bool Validate(ref Utf8JsonReader reader, ref ValidationState state, StructConversion? conversion, object?[]? row = null)
    {
        var start = Dependencies.Length > 0 ? reader : default;
        var knownCount = Known.Count;
        var seen = knownCount <= StackSeen ? stackalloc bool[knownCount] : new bool[knownCount];
        var hint = 0;
        var count = 0;
        var needName = Patterns.Length > 0 || PropertyNames is not null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            count++;
            var index = Find(ref reader, ref hint);
            var declared = index >= 0 && index < DeclaredCount;
            string? name = needName || (!declared && Additional is not null) ? reader.GetString() : null;
            if (PropertyNames is not null && !ValidateName(name!, ref state))
            {
                return state.FailAt(name!);
            }

            reader.Read();
            if (index >= 0)
            {
                seen[index] = true;
            }

            if (declared && Patterns.Length == 0)
            {
                // The common case: one schema for this value, converted in the same pass.
                if (!ValidateDeclared(ref reader, ref state, index, conversion, row))
                {
                    return false;
                }

                continue;
            }

            if (!ValidateMember(ref reader, ref state, index, name, conversion, row))
            {
                return false;
            }
        }

        for (var i = 0; i < Required.Length; i++)
        {
            var required = Required[i];
            if (!seen[required])
            {
                var missing = Known[required].Name;
                if (state.Recording)
                {
                    state.Fail("required", $"required property '{missing}' is missing");
                }

                return state.FailAt(missing);
            }
        }

        if (count < MinProperties)
        {
            return state.Fail("minProperties", $"must have at least {MinProperties} properties");
        }

        if (count > MaxProperties)
        {
            return state.Fail("maxProperties", $"must have at most {MaxProperties} properties");
        }

        foreach (var dependency in Dependencies)
        {
            if (!seen[dependency.KeyIndex])
            {
                continue;
            }

            foreach (var required in dependency.RequiredIndexes)
            {
                if (!seen[required])
                {
                    return state.Fail(
                        "dependencies",
                        $"property '{Known[required].Name}' is required when '{Known[dependency.KeyIndex].Name}' is present");
                }
            }

            if (dependency.Schema is not null)
            {
                var copy = start;
                if (!dependency.Schema.Validate(ref copy, ref state))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// A member with only a <c>properties</c> schema. A scalar leaves the reader on its token, so the converter reads
    /// it there; only a container needs a copy to be read again.
    /// </summary>
    private bool ValidateDeclared(ref Utf8JsonReader reader, ref ValidationState state, int index, StructConversion? conversion, object?[]? row)
    {
        var property = Known[index];
        var slot = conversion?.Columns[index];
        if (slot is { ReaderValidatesStrings: true } && reader.TokenType == JsonTokenType.String)
        {
            return slot.Reader.TryRead(ref reader, ref state, out row![slot.Index]) || state.FailAt(property.Name);
        }

        if (slot is not null && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            return ValidateAndConvertContainer(ref reader, ref state, property, slot, row!);
        }

        if (!property.Schema!.Validate(ref reader, ref state))
        {
            return state.FailAt(property.Name);
        }

        return slot is null || slot.Reader.TryRead(ref reader, ref state, out row![slot.Index]) || state.FailAt(property.Name);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool ValidateAndConvertContainer(
        ref Utf8JsonReader reader, ref ValidationState state, ObjectProperty property, ColumnSlot slot, object?[] row)
    {
        var valueStart = reader;
        if (!property.Schema!.Validate(ref reader, ref state))
        {
            return state.FailAt(property.Name);
        }

        return slot.Reader.TryRead(ref valueStart, ref state, out row[slot.Index]) || state.FailAt(property.Name);
    }

    /// <summary>A member that patternProperties or additionalProperties apply to (possibly besides properties).</summary>
    private bool ValidateMember(
        ref Utf8JsonReader reader, ref ValidationState state, int index, string? name, StructConversion? conversion, object?[]? row)
    {
        var valueStart = reader;
        var applied = false;
        if (index >= 0 && index < DeclaredCount)
        {
            applied = true;
            if (!Known[index].Schema!.Validate(ref reader, ref state))
            {
                return state.FailAt(Known[index].Name);
            }

            if (conversion?.Columns[index] is { } slot)
            {
                var copy = valueStart;
                if (!slot.Reader.TryRead(ref copy, ref state, out row![slot.Index]))
                {
                    return state.FailAt(Known[index].Name);
                }
            }
        }

        foreach (var (regex, _, schema) in Patterns)
        {
            if (StringChecks.MatchesPattern(regex, name!))
            {
                var copy = valueStart;
                if (!schema.Validate(ref copy, ref state))
                {
                    return state.FailAt(name!);
                }

                if (!applied)
                {
                    reader = copy;
                    applied = true;
                }
            }
        }

        if (applied)
        {
            return true;
        }

        if (Additional is null)
        {
            reader.Skip();
            return true;
        }

        if (Additional.Validate(ref reader, ref state))
        {
            return true;
        }

        if (state.Recording && Additional.BooleanSchema == false)
        {
            state.Error = null;
            state.Fail("additionalProperties", "property is not allowed");
        }

        return state.FailAt(name!);
    }

    private int Find(ref Utf8JsonReader reader, ref int hint)
    {
        var known = Known;
        var n = known.Count;
        if (n == 0)
        {
            return -1;
        }

        if (lookup is { } byName)
        {
            // Unescaped UTF-16 is never longer than the escaped UTF-8 it comes from.
            if (reader.ValueSpan.Length > StackNameChars)
            {
                return byName.TryGetValue(reader.GetString(), out var named) ? named : -1;
            }

            Span<char> buffer = stackalloc char[StackNameChars];
            return byName.TryGetValue(buffer[..reader.CopyString(buffer)], out var found) ? found : -1;
        }

        var index = hint;
        for (var k = 0; k < n; k++, index++)
        {
            if (index >= n)
            {
                index = 0;
            }

            if (reader.ValueTextEquals(known[index].Utf8Name))
            {
                hint = index + 1;
                return index;
            }
        }

        return -1;
    }

    private bool ValidateName(string name, ref ValidationState state)
    {
        var encoded = JsonEncodedText.Encode(name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes;
        var json = new byte[encoded.Length + 2];
        json[0] = (byte)'"';
        encoded.CopyTo(json.AsSpan(1));
        json[^1] = (byte)'"';
        var nameReader = new Utf8JsonReader(json);
        nameReader.Read();
        if (PropertyNames!.Validate(ref nameReader, ref state))
        {
            return true;
        }

        if (state.Recording && state.Error is { Keyword: not "propertyNames" })
        {
            state.Error = null;
            state.Fail("propertyNames", $"property name '{name}' is not allowed");
        }

        return false;
    }
}

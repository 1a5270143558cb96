using System.Globalization;
using System.Text.Json.Nodes;

namespace Etl.SchemaGovernance.Tests.Avro.Interop;

/// <summary>
/// Seeded generator of valid Avro schemas covering every type: nested records with namespaces and aliases, enums,
/// fixed, arrays, maps, unions of distinct branches, references to earlier named types and logical annotations.
/// </summary>
internal sealed class AvroRandomSchemas(int seed)
{
    private static readonly string[] Primitives = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"];
    private readonly Random _random = new(seed);
    private readonly List<string> _named = [];
    private int _counter;

    public JsonNode Next()
    {
        _named.Clear();
        return _random.Next(5) == 0 ? Type(0, allowUnion: true, ns: null) : Record(0, ns: null);
    }

    private JsonNode Type(int depth, bool allowUnion, string? ns)
    {
        var roll = depth >= 3 ? 0 : _random.Next(100);
        return roll switch
        {
            < 40 => Primitive(),
            < 50 => Record(depth, ns),
            < 57 => Enum(ns),
            < 63 => Fixed(ns),
            < 72 => new JsonObject { ["type"] = "array", ["items"] = Type(depth + 1, allowUnion: true, ns) },
            < 81 => new JsonObject { ["type"] = "map", ["values"] = Type(depth + 1, allowUnion: true, ns) },
            < 95 when allowUnion => Union(depth, ns),
            _ when _named.Count > 0 => JsonValue.Create(_named[_random.Next(_named.Count)])!,
            _ => Primitive(),
        };
    }

    private JsonNode Primitive()
    {
        return _random.Next(12) switch
        {
            0 => new JsonObject { ["type"] = "long", ["logicalType"] = "timestamp-millis" },
            1 => new JsonObject { ["type"] = "int", ["logicalType"] = "date" },
            2 => new JsonObject { ["type"] = "bytes", ["logicalType"] = "decimal", ["precision"] = 10, ["scale"] = 2 },
            3 => new JsonObject { ["type"] = Primitives[_random.Next(1, Primitives.Length)] },
            _ => JsonValue.Create(Primitives[_random.Next(1, Primitives.Length)])!,
        };
    }

    private JsonObject Record(int depth, string? ns)
    {
        var name = "R" + Id();
        var node = new JsonObject { ["type"] = "record", ["name"] = name };
        if (_random.Next(3) == 0)
        {
            ns = "ns" + _random.Next(3).ToString(CultureInfo.InvariantCulture) + ".sub";
            node["namespace"] = ns;
        }

        if (_random.Next(4) == 0)
        {
            node["aliases"] = new JsonArray("Old" + name);
            node["doc"] = "a record";
        }

        var fields = new JsonArray();
        var count = _random.Next(depth == 0 ? 1 : 0, 5);
        for (var i = 0; i < count; i++)
        {
            var field = new JsonObject
            {
                ["name"] = (i % 2 == 0 ? "f" : "Field") + i.ToString(CultureInfo.InvariantCulture),
                ["type"] = Type(depth + 1, allowUnion: true, ns),
            };
            if (_random.Next(5) == 0)
            {
                field["aliases"] = new JsonArray("old" + i.ToString(CultureInfo.InvariantCulture));
            }

            fields.Add(field);
        }

        node["fields"] = fields;
        Define(name, ns);
        return node;
    }

    private JsonObject Enum(string? ns)
    {
        var name = "E" + Id();
        var symbols = new JsonArray();
        var count = _random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            symbols.Add("S" + i.ToString(CultureInfo.InvariantCulture));
        }

        Define(name, ns);
        return new JsonObject { ["type"] = "enum", ["name"] = name, ["symbols"] = symbols };
    }

    private JsonObject Fixed(string? ns)
    {
        var name = "F" + Id();
        Define(name, ns);
        return new JsonObject { ["type"] = "fixed", ["name"] = name, ["size"] = _random.Next(1, 7) };
    }

    private JsonArray Union(int depth, string? ns)
    {
        var branches = new JsonArray();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var count = _random.Next(1, 5);
        if (_random.Next(2) == 0)
        {
            branches.Add("null");
            used.Add("null");
        }

        for (var attempt = 0; attempt < 10 && branches.Count < count; attempt++)
        {
            var candidate = Type(depth + 1, allowUnion: false, ns);
            var key = candidate switch
            {
                JsonValue v when v.GetValue<string>() is var s && Primitives.Contains(s) => s,
                JsonValue v => "named:" + v.GetValue<string>(),
                JsonObject o when o["name"] is not null => "named:" + _named[^1],
                JsonObject o => o["type"]!.GetValue<string>(),
                _ => "?",
            };
            if (used.Add(key))
            {
                branches.Add(candidate);
            }
        }

        if (branches.Count == 0)
        {
            branches.Add("int");
        }

        return branches;
    }

    private void Define(string name, string? ns) => _named.Add(ns is null ? name : ns + "." + name);

    private string Id() => (_counter++).ToString(CultureInfo.InvariantCulture);
}

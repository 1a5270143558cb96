using System.Text.Json.Nodes;

namespace Etl.SchemaGovernance.Tests.Compatibility.Avro;

/// <summary>Seeded schema evolutions: retyped, added, removed and renamed fields, enum and fixed changes, unions widened or narrowed.</summary>
internal sealed class AvroSchemaMutator(int seed)
{
    private static readonly string[] Primitives = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"];
    private readonly Random _random = new(seed);

    public JsonNode Mutate(JsonNode schema)
    {
        var copy = schema.DeepClone();
        var targets = new List<JsonObject>();
        Collect(copy, targets);
        if (targets.Count == 0)
        {
            return copy;
        }

        var edits = _random.Next(1, 3);
        for (var i = 0; i < edits; i++)
        {
            Apply(targets[_random.Next(targets.Count)]);
        }

        return copy;
    }

    private static void Collect(JsonNode? node, List<JsonObject> targets)
    {
        switch (node)
        {
            case JsonObject o:
                targets.Add(o);
                foreach (var (_, child) in o.ToList())
                {
                    Collect(child, targets);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Collect(child, targets);
                }

                break;
        }
    }

    private void Apply(JsonObject node)
    {
        var type = node["type"] is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;
        switch (type)
        {
            case "record" when node["fields"] is JsonArray fields:
                switch (_random.Next(5))
                {
                    case 0 when fields.Count > 0:
                        fields.RemoveAt(_random.Next(fields.Count));
                        break;
                    case 1:
                        fields.Add(new JsonObject { ["name"] = "added" + _random.Next(1000), ["type"] = Primitive() });
                        break;
                    case 2:
                        fields.Add(new JsonObject { ["name"] = "opt" + _random.Next(1000), ["type"] = new JsonArray("null", "string"), ["default"] = null });
                        break;
                    case 3 when fields.Count > 0:
                        var field = (JsonObject)fields[_random.Next(fields.Count)]!;
                        field["type"] = _random.Next(2) == 0 ? Primitive() : new JsonArray("null", Primitive() is var p && p == "null" ? "int" : p);
                        break;
                    default:
                        node["name"] = node["name"]!.GetValue<string>() + "X";
                        break;
                }

                break;
            case "enum" when node["symbols"] is JsonArray symbols:
                if (_random.Next(2) == 0 && symbols.Count > 1)
                {
                    symbols.RemoveAt(0);
                }
                else
                {
                    symbols.Add("Extra" + _random.Next(100));
                }

                break;
            case "fixed":
                node["size"] = node["size"]!.GetValue<int>() + 1;
                break;
            case "array":
                node["items"] = Primitive();
                break;
            case "map":
                node["values"] = Primitive();
                break;
            default:
                if (type is not null && Primitives.Contains(type))
                {
                    node["type"] = Primitive();
                    node.Remove("logicalType");
                }

                break;
        }
    }

    private string Primitive() => Primitives[_random.Next(1, Primitives.Length)];
}

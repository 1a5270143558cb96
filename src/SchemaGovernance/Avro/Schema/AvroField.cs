using System.Text.Json;

namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>A record field. A default, when present, has been validated against the field type by the parser.</summary>
internal sealed class AvroField
{
    public AvroField(string name, int position, AvroSchema schema, string? doc, IReadOnlyList<string> aliases, AvroFieldOrder order, JsonElement? defaultJson)
    {
        Name = name;
        Position = position;
        Schema = schema;
        Doc = doc;
        Aliases = aliases;
        Order = order;
        DefaultJson = defaultJson;
    }

    public string Name { get; }

    /// <summary>Zero-based position in the record.</summary>
    public int Position { get; }

    public AvroSchema Schema { get; }

    public string? Doc { get; }

    /// <summary>Former names of this field.</summary>
    public IReadOnlyList<string> Aliases { get; }

    public AvroFieldOrder Order { get; }

    /// <summary>The default as written in the schema (a detached clone), or null when the field has none.</summary>
    public JsonElement? DefaultJson { get; }

    public bool HasDefault => DefaultJson is not null;

    /// <summary>The default encoded in Avro binary with <see cref="Schema"/>; set by the parser when there is a default.</summary>
    public ReadOnlyMemory<byte> DefaultBinary { get; internal set; }
}

namespace Etl.SchemaGovernance.Avro.Binary;

/// <summary>Bounds that keep decoding of hostile input finite and small.</summary>
internal static class AvroLimits
{
    /// <summary>Nesting depth (records, arrays, maps, unions) beyond which decoding fails rather than risk the stack.</summary>
    public const int MaxDepth = 200;

    /// <summary>
    /// Most items a single array or map may hold when its items can encode to zero bytes (null, empty records):
    /// such items cannot be bounded by the remaining input length.
    /// </summary>
    public const int MaxZeroWidthItems = 1 << 20;
}

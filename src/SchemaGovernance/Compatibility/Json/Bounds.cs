using K = Etl.SchemaGovernance.Compatibility.Json.JsonDifferenceKinds;

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>The four difference kinds of one numeric bound keyword.</summary>
internal sealed record BoundKinds(string Added, string Removed, string Increased, string Decreased);

internal static class Bounds
{
    public static readonly BoundKinds MaxLength = new(K.MaxLengthAdded, K.MaxLengthRemoved, K.MaxLengthIncreased, K.MaxLengthDecreased);
    public static readonly BoundKinds MinLength = new(K.MinLengthAdded, K.MinLengthRemoved, K.MinLengthIncreased, K.MinLengthDecreased);
    public static readonly BoundKinds Maximum = new(K.MaximumAdded, K.MaximumRemoved, K.MaximumIncreased, K.MaximumDecreased);
    public static readonly BoundKinds Minimum = new(K.MinimumAdded, K.MinimumRemoved, K.MinimumIncreased, K.MinimumDecreased);
    public static readonly BoundKinds ExclusiveMaximum = new(K.ExclusiveMaximumAdded, K.ExclusiveMaximumRemoved, K.ExclusiveMaximumIncreased, K.ExclusiveMaximumDecreased);
    public static readonly BoundKinds ExclusiveMinimum = new(K.ExclusiveMinimumAdded, K.ExclusiveMinimumRemoved, K.ExclusiveMinimumIncreased, K.ExclusiveMinimumDecreased);
    public static readonly BoundKinds MaxItems = new(K.MaxItemsAdded, K.MaxItemsRemoved, K.MaxItemsIncreased, K.MaxItemsDecreased);
    public static readonly BoundKinds MinItems = new(K.MinItemsAdded, K.MinItemsRemoved, K.MinItemsIncreased, K.MinItemsDecreased);
    public static readonly BoundKinds MaxProperties = new(K.MaxPropertiesAdded, K.MaxPropertiesRemoved, K.MaxPropertiesIncreased, K.MaxPropertiesDecreased);
    public static readonly BoundKinds MinProperties = new(K.MinPropertiesAdded, K.MinPropertiesRemoved, K.MinPropertiesIncreased, K.MinPropertiesDecreased);
}

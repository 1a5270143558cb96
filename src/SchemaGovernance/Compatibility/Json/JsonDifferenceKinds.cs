using System.Collections.Frozen;

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>
/// The stable names of the differences between two JSON Schemas (Confluent style), and which of them are compatible
/// under each <see cref="JsonCompatibilityPolicy"/>. "Compatible" means a reader with the updated schema can read every
/// instance accepted by the original (writer) schema.
/// </summary>
public static class JsonDifferenceKinds
{
    public const string IdChanged = "ID_CHANGED";
    public const string DescriptionChanged = "DESCRIPTION_CHANGED";
    public const string TitleChanged = "TITLE_CHANGED";
    public const string DefaultChanged = "DEFAULT_CHANGED";

    public const string TypeExtended = "TYPE_EXTENDED";
    public const string TypeNarrowed = "TYPE_NARROWED";
    public const string TypeChanged = "TYPE_CHANGED";

    public const string MaxLengthAdded = "MAX_LENGTH_ADDED";
    public const string MaxLengthRemoved = "MAX_LENGTH_REMOVED";
    public const string MaxLengthIncreased = "MAX_LENGTH_INCREASED";
    public const string MaxLengthDecreased = "MAX_LENGTH_DECREASED";
    public const string MinLengthAdded = "MIN_LENGTH_ADDED";
    public const string MinLengthRemoved = "MIN_LENGTH_REMOVED";
    public const string MinLengthIncreased = "MIN_LENGTH_INCREASED";
    public const string MinLengthDecreased = "MIN_LENGTH_DECREASED";
    public const string PatternAdded = "PATTERN_ADDED";
    public const string PatternRemoved = "PATTERN_REMOVED";
    public const string PatternChanged = "PATTERN_CHANGED";

    public const string MaximumAdded = "MAXIMUM_ADDED";
    public const string MaximumRemoved = "MAXIMUM_REMOVED";
    public const string MaximumIncreased = "MAXIMUM_INCREASED";
    public const string MaximumDecreased = "MAXIMUM_DECREASED";
    public const string MinimumAdded = "MINIMUM_ADDED";
    public const string MinimumRemoved = "MINIMUM_REMOVED";
    public const string MinimumIncreased = "MINIMUM_INCREASED";
    public const string MinimumDecreased = "MINIMUM_DECREASED";
    public const string ExclusiveMaximumAdded = "EXCLUSIVE_MAXIMUM_ADDED";
    public const string ExclusiveMaximumRemoved = "EXCLUSIVE_MAXIMUM_REMOVED";
    public const string ExclusiveMaximumIncreased = "EXCLUSIVE_MAXIMUM_INCREASED";
    public const string ExclusiveMaximumDecreased = "EXCLUSIVE_MAXIMUM_DECREASED";
    public const string ExclusiveMinimumAdded = "EXCLUSIVE_MINIMUM_ADDED";
    public const string ExclusiveMinimumRemoved = "EXCLUSIVE_MINIMUM_REMOVED";
    public const string ExclusiveMinimumIncreased = "EXCLUSIVE_MINIMUM_INCREASED";
    public const string ExclusiveMinimumDecreased = "EXCLUSIVE_MINIMUM_DECREASED";
    public const string MultipleOfAdded = "MULTIPLE_OF_ADDED";
    public const string MultipleOfRemoved = "MULTIPLE_OF_REMOVED";
    public const string MultipleOfExpanded = "MULTIPLE_OF_EXPANDED";
    public const string MultipleOfReduced = "MULTIPLE_OF_REDUCED";
    public const string MultipleOfChanged = "MULTIPLE_OF_CHANGED";

    public const string RequiredAttributeAdded = "REQUIRED_ATTRIBUTE_ADDED";
    public const string RequiredAttributeWithDefaultAdded = "REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED";
    public const string RequiredAttributeRemoved = "REQUIRED_ATTRIBUTE_REMOVED";
    public const string DependencyArrayAdded = "DEPENDENCY_ARRAY_ADDED";
    public const string DependencyArrayRemoved = "DEPENDENCY_ARRAY_REMOVED";
    public const string DependencyArrayExtended = "DEPENDENCY_ARRAY_EXTENDED";
    public const string DependencyArrayNarrowed = "DEPENDENCY_ARRAY_NARROWED";
    public const string DependencyArrayChanged = "DEPENDENCY_ARRAY_CHANGED";
    public const string DependencySchemaAdded = "DEPENDENCY_SCHEMA_ADDED";
    public const string DependencySchemaRemoved = "DEPENDENCY_SCHEMA_REMOVED";
    public const string MaxPropertiesAdded = "MAX_PROPERTIES_ADDED";
    public const string MaxPropertiesRemoved = "MAX_PROPERTIES_REMOVED";
    public const string MaxPropertiesIncreased = "MAX_PROPERTIES_INCREASED";
    public const string MaxPropertiesDecreased = "MAX_PROPERTIES_DECREASED";
    public const string MinPropertiesAdded = "MIN_PROPERTIES_ADDED";
    public const string MinPropertiesRemoved = "MIN_PROPERTIES_REMOVED";
    public const string MinPropertiesIncreased = "MIN_PROPERTIES_INCREASED";
    public const string MinPropertiesDecreased = "MIN_PROPERTIES_DECREASED";
    public const string AdditionalPropertiesAdded = "ADDITIONAL_PROPERTIES_ADDED";
    public const string AdditionalPropertiesRemoved = "ADDITIONAL_PROPERTIES_REMOVED";
    public const string AdditionalPropertiesExtended = "ADDITIONAL_PROPERTIES_EXTENDED";
    public const string AdditionalPropertiesNarrowed = "ADDITIONAL_PROPERTIES_NARROWED";
    public const string UnevaluatedPropertiesAdded = "UNEVALUATED_PROPERTIES_ADDED";
    public const string UnevaluatedPropertiesRemoved = "UNEVALUATED_PROPERTIES_REMOVED";
    public const string UnevaluatedPropertiesExtended = "UNEVALUATED_PROPERTIES_EXTENDED";
    public const string UnevaluatedPropertiesNarrowed = "UNEVALUATED_PROPERTIES_NARROWED";

    public const string PropertyWithEmptySchemaAddedToOpenContentModel = "PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL";
    public const string RequiredPropertyAddedToOpenContentModel = "REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL";
    public const string RequiredPropertyWithDefaultAddedToOpenContentModel = "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL";
    public const string OptionalPropertyAddedToOpenContentModel = "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL";
    public const string RequiredPropertyAddedToUnopenContentModel = "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL";
    public const string RequiredPropertyWithDefaultAddedToUnopenContentModel = "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL";
    public const string OptionalPropertyAddedToUnopenContentModel = "OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL";
    public const string PropertyRemovedFromOpenContentModel = "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL";
    public const string PropertyWithFalseRemovedFromClosedContentModel = "PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL";
    public const string PropertyRemovedFromClosedContentModel = "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL";
    public const string PropertyAddedIsCoveredByPartiallyOpenContentModel = "PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL";
    public const string PropertyAddedNotCoveredByPartiallyOpenContentModel = "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL";
    public const string PropertyRemovedIsCoveredByPartiallyOpenContentModel = "PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL";
    public const string PropertyRemovedNotCoveredByPartiallyOpenContentModel = "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL";

    public const string MaxItemsAdded = "MAX_ITEMS_ADDED";
    public const string MaxItemsRemoved = "MAX_ITEMS_REMOVED";
    public const string MaxItemsIncreased = "MAX_ITEMS_INCREASED";
    public const string MaxItemsDecreased = "MAX_ITEMS_DECREASED";
    public const string MinItemsAdded = "MIN_ITEMS_ADDED";
    public const string MinItemsRemoved = "MIN_ITEMS_REMOVED";
    public const string MinItemsIncreased = "MIN_ITEMS_INCREASED";
    public const string MinItemsDecreased = "MIN_ITEMS_DECREASED";
    public const string UniqueItemsAdded = "UNIQUE_ITEMS_ADDED";
    public const string UniqueItemsRemoved = "UNIQUE_ITEMS_REMOVED";
    public const string AdditionalItemsAdded = "ADDITIONAL_ITEMS_ADDED";
    public const string AdditionalItemsRemoved = "ADDITIONAL_ITEMS_REMOVED";
    public const string AdditionalItemsExtended = "ADDITIONAL_ITEMS_EXTENDED";
    public const string AdditionalItemsNarrowed = "ADDITIONAL_ITEMS_NARROWED";
    public const string ItemWithEmptySchemaAddedToOpenContentModel = "ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL";
    public const string ItemAddedToOpenContentModel = "ITEM_ADDED_TO_OPEN_CONTENT_MODEL";
    public const string ItemAddedToClosedContentModel = "ITEM_ADDED_TO_CLOSED_CONTENT_MODEL";
    public const string ItemRemovedFromOpenContentModel = "ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL";
    public const string ItemRemovedFromClosedContentModel = "ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL";
    public const string ItemAddedIsCoveredByPartiallyOpenContentModel = "ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL";
    public const string ItemAddedNotCoveredByPartiallyOpenContentModel = "ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL";
    public const string ItemRemovedIsCoveredByPartiallyOpenContentModel = "ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL";
    public const string ItemRemovedNotCoveredByPartiallyOpenContentModel = "ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL";

    public const string EnumArrayExtended = "ENUM_ARRAY_EXTENDED";
    public const string EnumArrayNarrowed = "ENUM_ARRAY_NARROWED";
    public const string EnumArrayChanged = "ENUM_ARRAY_CHANGED";

    public const string CombinedTypeExtended = "COMBINED_TYPE_EXTENDED";
    public const string CombinedTypeChanged = "COMBINED_TYPE_CHANGED";
    public const string ProductTypeExtended = "PRODUCT_TYPE_EXTENDED";
    public const string ProductTypeNarrowed = "PRODUCT_TYPE_NARROWED";
    public const string SumTypeExtended = "SUM_TYPE_EXTENDED";
    public const string SumTypeNarrowed = "SUM_TYPE_NARROWED";
    public const string CombinedTypeSubschemasChanged = "COMBINED_TYPE_SUBSCHEMAS_CHANGED";
    public const string NotTypeExtended = "NOT_TYPE_EXTENDED";
    public const string NotTypeNarrowed = "NOT_TYPE_NARROWED";

    /// <summary>Differences that are compatible under <see cref="JsonCompatibilityPolicy.Strict"/>.</summary>
    public static FrozenSet<string> StrictCompatible { get; } = new[]
    {
        IdChanged, DescriptionChanged, TitleChanged, DefaultChanged, TypeExtended,
        MaxLengthIncreased, MaxLengthRemoved, MinLengthDecreased, MinLengthRemoved, PatternRemoved,
        MaximumIncreased, MaximumRemoved, MinimumDecreased, MinimumRemoved,
        ExclusiveMaximumIncreased, ExclusiveMaximumRemoved, ExclusiveMinimumDecreased, ExclusiveMinimumRemoved,
        MultipleOfReduced, MultipleOfRemoved,
        RequiredAttributeWithDefaultAdded, RequiredAttributeRemoved,
        DependencyArrayNarrowed, DependencyArrayRemoved, DependencySchemaRemoved,
        MaxPropertiesIncreased, MaxPropertiesRemoved, MinPropertiesDecreased, MinPropertiesRemoved,
        AdditionalPropertiesAdded, AdditionalPropertiesExtended, UnevaluatedPropertiesAdded, UnevaluatedPropertiesExtended,
        PropertyWithEmptySchemaAddedToOpenContentModel, RequiredPropertyWithDefaultAddedToUnopenContentModel,
        OptionalPropertyAddedToUnopenContentModel, PropertyRemovedFromOpenContentModel,
        PropertyWithFalseRemovedFromClosedContentModel, PropertyAddedIsCoveredByPartiallyOpenContentModel,
        PropertyRemovedIsCoveredByPartiallyOpenContentModel,
        MaxItemsIncreased, MaxItemsRemoved, MinItemsDecreased, MinItemsRemoved, UniqueItemsRemoved,
        AdditionalItemsAdded, AdditionalItemsExtended, ItemWithEmptySchemaAddedToOpenContentModel,
        ItemAddedToClosedContentModel, ItemRemovedFromOpenContentModel,
        ItemAddedIsCoveredByPartiallyOpenContentModel, ItemRemovedIsCoveredByPartiallyOpenContentModel,
        EnumArrayExtended, CombinedTypeExtended, ProductTypeNarrowed, SumTypeExtended, NotTypeNarrowed,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The differences that <see cref="JsonCompatibilityPolicy.Lenient"/> accepts on top of the STRICT set.</summary>
    public static FrozenSet<string> LenientOnly { get; } = new[]
    {
        AdditionalPropertiesNarrowed, AdditionalPropertiesRemoved,
        UnevaluatedPropertiesNarrowed, UnevaluatedPropertiesRemoved,
        RequiredPropertyWithDefaultAddedToOpenContentModel, OptionalPropertyAddedToOpenContentModel,
        PropertyRemovedFromClosedContentModel,
        PropertyAddedNotCoveredByPartiallyOpenContentModel, PropertyRemovedNotCoveredByPartiallyOpenContentModel,
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> LenientCompatible =
        StrictCompatible.Concat(LenientOnly).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a difference of this kind keeps the reader able to read the writer's data under the policy.</summary>
    public static bool IsCompatible(string kind, JsonCompatibilityPolicy policy) =>
        policy == JsonCompatibilityPolicy.Lenient ? LenientCompatible.Contains(kind) : StrictCompatible.Contains(kind);
}

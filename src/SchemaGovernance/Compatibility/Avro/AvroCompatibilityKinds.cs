namespace Etl.SchemaGovernance.Compatibility.Avro;

/// <summary>Stable rule names of Avro reader/writer incompatibilities (the names Avro's own checker uses).</summary>
internal static class AvroCompatibilityKinds
{
    /// <summary>Named types whose unqualified names differ and the reader has no alias for the writer's full name.</summary>
    public const string NameMismatch = "NAME_MISMATCH";

    /// <summary>Fixed types of different sizes.</summary>
    public const string FixedSizeMismatch = "FIXED_SIZE_MISMATCH";

    /// <summary>Writer enum symbols the reader lacks, and the reader enum has no default.</summary>
    public const string MissingEnumSymbols = "MISSING_ENUM_SYMBOLS";

    /// <summary>A writer union branch that no reader branch can read (or a writer type a reader union cannot take).</summary>
    public const string MissingUnionBranch = "MISSING_UNION_BRANCH";

    /// <summary>Types that differ and are not a permitted promotion.</summary>
    public const string TypeMismatch = "TYPE_MISMATCH";

    /// <summary>A reader field the writer lacks (by name or alias) that has no default.</summary>
    public const string ReaderFieldMissingDefaultValue = "READER_FIELD_MISSING_DEFAULT_VALUE";
}

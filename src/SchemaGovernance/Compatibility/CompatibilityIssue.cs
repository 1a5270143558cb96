namespace Etl.SchemaGovernance.Compatibility;

/// <summary>Which way round a pair of versions was checked.</summary>
public enum CompatibilityDirection
{
    /// <summary>Not a pairwise check (e.g. versioning disabled).</summary>
    None = 0,

    /// <summary>The new version reads data written with the older version.</summary>
    Backward = 1,

    /// <summary>The older version reads data written with the new version.</summary>
    Forward = 2,
}

/// <summary>One reason a new version is refused.</summary>
/// <param name="Version">The existing version number the new version breaks against.</param>
/// <param name="Path">A JSON path into the schema where the problem is.</param>
/// <param name="Kind">A stable rule name (e.g. <c>TYPE_NARROWED</c>, <c>READER_FIELD_MISSING_DEFAULT_VALUE</c>, <c>VERSIONING_DISABLED</c>).</param>
/// <param name="Message">A sentence for people, saying which way round the check was made.</param>
/// <param name="Direction">Which way round the pair was checked.</param>
public sealed record CompatibilityIssue(long Version, string Path, string Kind, string Message, CompatibilityDirection Direction);

/// <summary>The outcome of checking a new version against a schema's history under a mode.</summary>
public sealed record CompatibilityReport(CompatibilityMode Mode, IReadOnlyList<CompatibilityIssue> Issues)
{
    public bool IsCompatible => Issues.Count == 0;
}

/// <summary>An existing version of a schema: its number and definition.</summary>
public sealed record SchemaVersionDefinition(long VersionNumber, string Definition);

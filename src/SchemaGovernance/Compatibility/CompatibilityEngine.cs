namespace Etl.SchemaGovernance.Compatibility;

/// <summary>
/// Applies a Glue compatibility mode to a new schema version and the schema's history, using a format's pairwise checker.
/// Non-_ALL modes check the latest version; _ALL modes check every version numbered at or above the checkpoint (see
/// docs/adr/0002-compatibility-checkpoint.md). Versions are checked newest first and every issue is reported.
/// </summary>
public sealed class CompatibilityEngine
{
    /// <summary>Kind reported when a DISABLED schema is given a second version.</summary>
    public const string VersioningDisabled = "VERSIONING_DISABLED";

    private readonly IPairwiseChecker _checker;

    public CompatibilityEngine(IPairwiseChecker checker)
    {
        ArgumentNullException.ThrowIfNull(checker);
        _checker = checker;
    }

    /// <summary>
    /// Checks <paramref name="newDefinition"/> against <paramref name="history"/> (the versions that count: failed versions
    /// excluded; any order). Throws <see cref="SchemaDefinitionException"/> when the new definition, or a definition that
    /// has to be compared, is invalid.
    /// </summary>
    /// <param name="mode">The schema's mode.</param>
    /// <param name="newDefinition">The proposed version.</param>
    /// <param name="history">The existing versions.</param>
    /// <param name="checkpoint">The lowest version number the _ALL modes look at; 1 checks the whole history.</param>
    public CompatibilityReport Check(CompatibilityMode mode, string newDefinition, IReadOnlyList<SchemaVersionDefinition> history, long checkpoint = 1)
    {
        ArgumentNullException.ThrowIfNull(newDefinition);
        ArgumentNullException.ThrowIfNull(history);
        _checker.Validate(newDefinition);
        var ordered = history.OrderByDescending(v => v.VersionNumber).ToList();
        if (ordered.Count == 0 || mode == CompatibilityMode.None)
        {
            return new CompatibilityReport(mode, []);
        }

        if (mode == CompatibilityMode.Disabled)
        {
            var latest = ordered[0].VersionNumber;
            return new CompatibilityReport(mode,
            [
                new CompatibilityIssue(latest, "#", VersioningDisabled,
                    $"Compatibility DISABLED does not allow versioning: version {latest} exists and no further version may be added.",
                    CompatibilityDirection.None),
            ]);
        }

        var versions = mode.IsTransitive()
            ? ordered.Where(v => v.VersionNumber >= checkpoint).ToList()
            : ordered.Take(1).ToList();
        var issues = new List<CompatibilityIssue>();
        foreach (var version in versions)
        {
            if (mode.ChecksBackward())
            {
                foreach (var issue in _checker.CheckCanRead(newDefinition, version.Definition))
                {
                    issues.Add(new CompatibilityIssue(version.VersionNumber, issue.Path, issue.Kind,
                        $"The new version cannot read data written with version {version.VersionNumber}: {issue.Message}", CompatibilityDirection.Backward));
                }
            }

            if (mode.ChecksForward())
            {
                foreach (var issue in _checker.CheckCanRead(version.Definition, newDefinition))
                {
                    issues.Add(new CompatibilityIssue(version.VersionNumber, issue.Path, issue.Kind,
                        $"Version {version.VersionNumber} cannot read data written with the new version: {issue.Message}", CompatibilityDirection.Forward));
                }
            }
        }

        return new CompatibilityReport(mode, issues);
    }
}

namespace Etl.SchemaGovernance.Compatibility;

/// <summary>The Glue Schema Registry compatibility modes.</summary>
public enum CompatibilityMode
{
    /// <summary>Any new version is accepted without a check.</summary>
    None = 0,

    /// <summary>No version may be added after the first.</summary>
    Disabled = 1,

    /// <summary>The new version (reader) reads data written with the latest version.</summary>
    Backward = 2,

    /// <summary>The new version reads data written with every version from the checkpoint on.</summary>
    BackwardAll = 3,

    /// <summary>The latest version (reader) reads data written with the new version.</summary>
    Forward = 4,

    /// <summary>Every version from the checkpoint on reads data written with the new version.</summary>
    ForwardAll = 5,

    /// <summary>Backward and Forward against the latest version.</summary>
    Full = 6,

    /// <summary>Backward and Forward against every version from the checkpoint on.</summary>
    FullAll = 7,
}

/// <summary>Glue names of <see cref="CompatibilityMode"/> (<c>NONE</c>, <c>BACKWARD_ALL</c>, …).</summary>
public static class CompatibilityModes
{
    private static readonly (CompatibilityMode Mode, string Name)[] Names =
    [
        (CompatibilityMode.None, "NONE"),
        (CompatibilityMode.Disabled, "DISABLED"),
        (CompatibilityMode.Backward, "BACKWARD"),
        (CompatibilityMode.BackwardAll, "BACKWARD_ALL"),
        (CompatibilityMode.Forward, "FORWARD"),
        (CompatibilityMode.ForwardAll, "FORWARD_ALL"),
        (CompatibilityMode.Full, "FULL"),
        (CompatibilityMode.FullAll, "FULL_ALL"),
    ];

    /// <summary>The Glue name, e.g. <c>BACKWARD_ALL</c>.</summary>
    public static string ToGlueName(this CompatibilityMode mode)
    {
        foreach (var (m, name) in Names)
        {
            if (m == mode)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown compatibility mode.");
    }

    /// <summary>Parses a Glue name, ignoring case.</summary>
    public static bool TryParse(string? name, out CompatibilityMode mode)
    {
        foreach (var (m, glueName) in Names)
        {
            if (string.Equals(glueName, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                mode = m;
                return true;
            }
        }

        mode = default;
        return false;
    }

    /// <summary>All Glue names, in declaration order.</summary>
    public static IReadOnlyList<string> GlueNames { get; } = Names.Select(n => n.Name).ToArray();

    /// <summary>Whether the mode checks every version from the checkpoint on rather than the latest one.</summary>
    public static bool IsTransitive(this CompatibilityMode mode) =>
        mode is CompatibilityMode.BackwardAll or CompatibilityMode.ForwardAll or CompatibilityMode.FullAll;

    /// <summary>Whether the new version must read older data.</summary>
    public static bool ChecksBackward(this CompatibilityMode mode) =>
        mode is CompatibilityMode.Backward or CompatibilityMode.BackwardAll or CompatibilityMode.Full or CompatibilityMode.FullAll;

    /// <summary>Whether older versions must read the new version's data.</summary>
    public static bool ChecksForward(this CompatibilityMode mode) =>
        mode is CompatibilityMode.Forward or CompatibilityMode.ForwardAll or CompatibilityMode.Full or CompatibilityMode.FullAll;
}

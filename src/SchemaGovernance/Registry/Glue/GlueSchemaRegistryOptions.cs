namespace Etl.SchemaGovernance.Registry.Glue;

/// <summary>Settings of <see cref="GlueSchemaRegistry"/>. Checked by <see cref="Validate"/> when the registry is built.</summary>
public sealed class GlueSchemaRegistryOptions
{
    /// <summary>First wait before re-reading a PENDING version. Default 100 ms.</summary>
    public TimeSpan PollInitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest wait between reads of a PENDING version (the wait doubles up to it). Default 2 s.</summary>
    public TimeSpan PollMaxDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a registration waits for a PENDING version to settle; after it the result is PENDING. Default 60 s.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>MaxResults of each ListSchemas / ListSchemaVersions page (Glue allows 1..100). Default 100.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>How many versions the by-id cache holds before it starts over. Default 10 000.</summary>
    public int VersionCacheCapacity { get; init; } = 10_000;

    /// <summary>Throws naming the setting when a value is out of range.</summary>
    public void Validate()
    {
        if (PollInitialDelay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollInitialDelay), PollInitialDelay, "GlueSchemaRegistryOptions.PollInitialDelay must be positive.");
        }

        if (PollMaxDelay < PollInitialDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(PollMaxDelay), PollMaxDelay, "GlueSchemaRegistryOptions.PollMaxDelay must be at least PollInitialDelay.");
        }

        if (PollTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollTimeout), PollTimeout, "GlueSchemaRegistryOptions.PollTimeout must be positive.");
        }

        if (PageSize is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "GlueSchemaRegistryOptions.PageSize must be within 1..100.");
        }

        if (VersionCacheCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(VersionCacheCapacity), VersionCacheCapacity, "GlueSchemaRegistryOptions.VersionCacheCapacity must be at least 1.");
        }
    }
}

namespace Etl.Catalog.Athena;

/// <summary>Options of <see cref="AthenaClient"/>; defaults are documented on each property.</summary>
public sealed class AthenaClientOptions
{
    /// <summary>Database queries run in when they do not name one. Default: none.</summary>
    public string? Database { get; init; }

    /// <summary>Data catalog name. Default: none (Athena uses AwsDataCatalog).</summary>
    public string? Catalog { get; init; }

    /// <summary>Work group. Default "primary".</summary>
    public string WorkGroup { get; init; } = "primary";

    /// <summary>Where Athena writes results (s3://...). Default: none, the work group's setting applies.</summary>
    public string? OutputLocation { get; init; }

    /// <summary>First wait between GetQueryExecution polls; doubles up to <see cref="PollMaxDelay"/>. Default 200 ms.</summary>
    public TimeSpan PollInitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between polls. Default 5 s.</summary>
    public TimeSpan PollMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a query may run before it is stopped and <see cref="TimeoutException"/> thrown. Default 10 min.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows per GetQueryResults page (1..1000). Default 1000.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>Clock for polling delays and the timeout. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Fails fast with a message naming the setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(WorkGroup))
        {
            throw new ArgumentException("AthenaClientOptions.WorkGroup is required");
        }

        if (PollInitialDelay <= TimeSpan.Zero || PollMaxDelay < PollInitialDelay)
        {
            throw new ArgumentException("AthenaClientOptions.PollInitialDelay must be positive and not above PollMaxDelay");
        }

        if (QueryTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("AthenaClientOptions.QueryTimeout must be positive");
        }

        if (PageSize is < 1 or > 1000)
        {
            throw new ArgumentException("AthenaClientOptions.PageSize must be between 1 and 1000");
        }
    }
}

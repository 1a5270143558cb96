namespace Etl.Host.Operations;

/// <summary>The scheduled operations jobs (section <c>Operations</c>).</summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>How long after an hour ends its partition stays open for late records before it is closed.</summary>
    public TimeSpan GraceWindow { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Dead-letter objects older than this are deleted.</summary>
    public TimeSpan DeadLetterRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Writes the <c>_closed</c> marker and statistics of partitions past the grace window.</summary>
    public OperationsJobSettings ClosePartitions { get; set; } = new() { Interval = TimeSpan.FromMinutes(15) };

    /// <summary>Deletes dead-letter objects past the retention.</summary>
    public OperationsJobSettings PurgeDeadLetters { get; set; } = new() { Interval = TimeSpan.FromHours(1) };

    /// <summary>Registers partitions present in the object store but missing from the catalog.</summary>
    public OperationsJobSettings ReconcileCatalog { get; set; } = new() { Interval = TimeSpan.FromMinutes(30) };
}

/// <summary>One job's schedule.</summary>
public sealed class OperationsJobSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Time between runs (the first run is at start-up).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);
}

using Microsoft.Extensions.Logging;

namespace Etl.SchemaGovernance.Registry.Glue;

/// <summary>The Glue registry backend's log events.</summary>
internal static partial class GlueRegistryLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Schema version {VersionId} of {Schema} is PENDING; read {Reads} times, next read in {DelayMs} ms")]
    public static partial void StillPending(ILogger logger, Guid versionId, SchemaId schema, int reads, double delayMs);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Schema version {VersionId} of {Schema} was still PENDING after {TimeoutMs} ms; returning it as PENDING")]
    public static partial void PollTimedOut(ILogger logger, Guid versionId, SchemaId schema, double timeoutMs);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Glue refused version {VersionNumber} of {Schema} under {Mode}; the local checker found {IssueCount} issues")]
    public static partial void VersionFailed(ILogger logger, long versionNumber, SchemaId schema, string mode, int issueCount);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Glue refused version {VersionNumber} of {Schema} under {Mode} but the local checker finds it compatible: {Reason}")]
    public static partial void FailureUnexplained(ILogger logger, long versionNumber, SchemaId schema, string mode, string reason);
}

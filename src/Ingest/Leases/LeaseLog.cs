using Microsoft.Extensions.Logging;

namespace Etl.Ingest.Leases;

/// <summary>Log events of the lease coordinator (event ids 3150–3169).</summary>
internal static partial class LeaseLog
{
    [LoggerMessage(EventId = 3150, Level = LogLevel.Information, Message = "Worker {Worker} took lease {Shard} (previous owner {PreviousOwner}, stolen {Stolen})")]
    public static partial void Taken(ILogger logger, string worker, string shard, string? previousOwner, bool stolen);

    [LoggerMessage(EventId = 3151, Level = LogLevel.Warning, Message = "Worker {Worker} lost lease {Shard}: {Reason}")]
    public static partial void Lost(ILogger logger, string worker, string shard, string reason);

    [LoggerMessage(EventId = 3152, Level = LogLevel.Information, Message = "Worker {Worker} deleted the lease of finished parent {Shard}")]
    public static partial void Cleaned(ILogger logger, string worker, string shard);

    [LoggerMessage(EventId = 3153, Level = LogLevel.Warning, Message = "Worker {Worker} lease loop failed; retrying next period")]
    public static partial void LoopFault(ILogger logger, string worker, Exception exception);

    [LoggerMessage(EventId = 3154, Level = LogLevel.Information, Message = "Worker {Worker} released lease {Shard}")]
    public static partial void Released(ILogger logger, string worker, string shard);
}

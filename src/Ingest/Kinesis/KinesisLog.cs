using Microsoft.Extensions.Logging;

namespace Etl.Ingest.Kinesis;

/// <summary>Log events of the Kinesis source and shard readers (event ids 3100–3149).</summary>
internal static partial class KinesisLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Reading {Stream}/{Shard} from {Checkpoint}")]
    public static partial void ReaderStarted(ILogger logger, string stream, string shard, string checkpoint);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Shard {Stream}/{Shard} read to its end; children: {Children}")]
    public static partial void ShardEnded(ILogger logger, string stream, string shard, string children);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Reader of {Stream}/{Shard} failed; restarting in {Delay}")]
    public static partial void ReaderFault(ILogger logger, string stream, string shard, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Shard sync of {Stream} created {Count} leases")]
    public static partial void LeasesCreated(ILogger logger, string stream, int count);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Shard sync of {Stream} failed; retrying at the next interval")]
    public static partial void SyncFault(ILogger logger, string stream, Exception exception);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "Reader of {Stream}/{Shard} stopped: lease lost or source stopping")]
    public static partial void ReaderStopped(ILogger logger, string stream, string shard);
}

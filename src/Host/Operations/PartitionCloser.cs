using System.Text.Json;
using Etl.Core.Contracts;
using Etl.Parquet;
using Etl.Parquet.Reading;

namespace Etl.Host.Operations;

/// <summary>
/// Closes hour partitions past the grace window: for each partition whose hour ended more than
/// <see cref="OperationsOptions.GraceWindow"/> ago and that has no <c>_closed</c> marker, it counts files, rows (from
/// the Parquet footers) and bytes, sets them as the catalog partition's parameters where the catalog supports it, and
/// then writes the marker (a name starting with '_', which Athena skips). A partition the catalog does not hold yet
/// stays open until catalog reconciliation has registered it, so its statistics are never lost. The marker is written last, so a run cut
/// short is completed by the next one; a closed partition is never touched again.
/// </summary>
internal sealed class PartitionCloser(
    IReadOnlyList<OperationsTable> tables,
    IObjectStore store,
    PartitionScanner scanner,
    ICatalogPartitions? catalog,
    OperationsOptions options,
    TimeProvider time,
    ILogger<PartitionCloser> logger)
{
    /// <summary>The marker object's name.</summary>
    public const string MarkerName = "_closed";

    /// <summary>
    /// Files larger than this are not opened (the row count is then unknown: -1); a store whose objects cannot be
    /// read at an offset (S3 streams) is copied into memory to reach the footer.
    /// </summary>
    private const long MaxParquetBytes = 256L << 20;

    /// <summary>Closes what is due; returns the number of partitions closed.</summary>
    public async Task<int> RunAsync(CancellationToken token)
    {
        var now = time.GetUtcNow();
        var closed = 0;
        foreach (var table in tables)
        {
            foreach (var partition in await scanner.ScanAsync(table, token))
            {
                if (partition.Markers.Contains(MarkerName) || partition.HourEnd + options.GraceWindow > now)
                {
                    continue;
                }

                if (await CloseAsync(table, partition, now, token))
                {
                    closed++;
                }
            }
        }

        logger.LogInformation("Closed {Count} partitions (grace window {Grace})", closed, options.GraceWindow);
        return closed;
    }

    /// <summary>Closes one partition; false when the catalog does not hold it yet (reconciliation registers it first).</summary>
    private async Task<bool> CloseAsync(OperationsTable table, TablePartition partition, DateTimeOffset now, CancellationToken token)
    {
        var definition = table.Definition;
        long rows = 0;
        foreach (var file in partition.DataFiles)
        {
            var count = await RowCountAsync(file, token);
            rows = rows < 0 || count < 0 ? -1 : rows + count;
        }

        var statistics = new PartitionStatistics(partition.DataFiles.Count, rows, partition.DataFiles.Sum(f => f.Size));
        var registered = false;
        if (catalog is not null)
        {
            registered = await catalog.SetParametersAsync(definition.Database, definition.Table, partition.Values, statistics.ToParameters(now), token);
            if (!registered)
            {
                logger.LogWarning(
                    "Partition {Table}/{Partition} is past the grace window but not in the catalog; it is closed once catalog reconciliation registers it",
                    definition.Table, partition.Path);
                return false;
            }
        }

        using var marker = new MemoryStream();
        using (var w = new Utf8JsonWriter(marker, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("database", definition.Database);
            w.WriteString("table", definition.Table);
            w.WriteString("partition", partition.Path);
            w.WriteString("hourStart", partition.HourStart);
            w.WriteString("hourEnd", partition.HourEnd);
            w.WriteString("closedAt", now);
            w.WriteNumber("files", statistics.Files);
            w.WriteNumber("rows", statistics.Rows);
            w.WriteNumber("bytes", statistics.Bytes);
            w.WriteBoolean("catalogUpdated", registered);
            w.WriteEndObject();
        }

        marker.Position = 0;
        await store.PutIfAbsentAsync($"{definition.TablePrefix}{partition.Path}/{MarkerName}", marker, token);
        logger.LogInformation(
            "Closed partition {Table}/{Partition}: {Files} files, {Rows} rows, {Bytes} bytes; catalog updated: {Updated}",
            definition.Table, partition.Path, statistics.Files, statistics.Rows, statistics.Bytes, registered);
        return true;
    }

    /// <summary>The row count in a Parquet file's footer, or -1 when the file is not Parquet or cannot be read.</summary>
    private async Task<long> RowCountAsync(ObjectInfo file, CancellationToken token)
    {
        if (!file.Key.EndsWith(".parquet", StringComparison.Ordinal) || file.Size > MaxParquetBytes)
        {
            return -1;
        }

        var stream = await store.GetAsync(file.Key, token);
        if (stream is null)
        {
            return -1;
        }

        await using (stream)
        {
            Stream seekable = stream;
            if (!stream.CanSeek)
            {
                var copy = new MemoryStream();
                await stream.CopyToAsync(copy, token);
                copy.Position = 0;
                seekable = copy;
            }

            try
            {
                using var reader = ParquetReader.Open(seekable, leaveOpen: true);
                return reader.RowCount;
            }
            catch (ParquetFormatException e)
            {
                logger.LogWarning("{Key} is not a readable Parquet file: {Reason}", file.Key, e.Message);
                return -1;
            }
            finally
            {
                if (!ReferenceEquals(seekable, stream))
                {
                    await seekable.DisposeAsync();
                }
            }
        }
    }
}

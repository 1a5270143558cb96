using System.Text.Json;
using Etl.Core.Contracts;
using Etl.Core.Telemetry;
using Etl.Parquet;
using Etl.Parquet.Reading;

namespace Etl.Host.Operations;

/// <summary>
/// Closes hour partitions past the grace window: for each partition whose hour ended more than
/// <see cref="OperationsOptions.GraceWindow"/> ago and that has no <c>_closed</c> marker, it counts files, rows (from
/// the Parquet footers) and bytes, recomputes the partition's lineage (<see cref="PartitionLineage"/>) from each file's
/// own key-value metadata (so lineage updates lost to concurrent writers are repaired), sets both as the catalog
/// partition's parameters where the catalog supports it, and
/// then writes the marker (a name starting with '_', which Athena skips). A partition the catalog does not hold yet
/// stays open until catalog reconciliation has registered it, so its statistics are never lost. The marker is written last, so a run cut
/// short is completed by the next one; a closed partition is touched again only when late records added files to it
/// after it was closed.
/// </summary>
internal sealed class PartitionCloser(
    IReadOnlyList<OperationsTable> tables,
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
                if (partition.HourEnd + options.GraceWindow > now || IsClosedAndUnchanged(partition))
                {
                    continue;
                }

                if (await CloseAsync(table, partition, now, token))
                {
                    closed++;
                }
            }
        }

        LogMessages.CloseFinished(logger, closed, options.GraceWindow);
        return closed;
    }

    /// <summary>
    /// Closed, and no data file was written since: late records written after the close (they still land in their
    /// hour) make the job close the partition again, with statistics and lineage that count them.
    /// </summary>
    private static bool IsClosedAndUnchanged(TablePartition partition) =>
        partition.Markers.Contains(MarkerName)
        && (partition.ClosedAt is not { } closedAt || partition.DataFiles.All(f => f.LastModified < closedAt));

    /// <summary>Closes one partition; false when the catalog does not hold it yet (reconciliation registers it first).</summary>
    private async Task<bool> CloseAsync(OperationsTable table, TablePartition partition, DateTimeOffset now, CancellationToken token)
    {
        var definition = table.Definition;
        long rows = 0;
        var lineage = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineageComplete = true;
        foreach (var file in partition.DataFiles)
        {
            var footer = await FooterAsync(table.Store, file, token);
            rows = rows < 0 || footer is null ? -1 : rows + footer.Value.Rows;
            if (footer?.Lineage is { } fileLineage)
            {
                lineage = PartitionLineage.Merge(lineage, fileLineage) ?? lineage;
            }
            else
            {
                lineageComplete = false;
            }
        }

        var statistics = new PartitionStatistics(partition.DataFiles.Count, rows, partition.DataFiles.Sum(f => f.Size));
        var registered = false;
        if (catalog is not null)
        {
            // Lineage only when every file carried it (files written by others would make the totals wrong).
            var parameters = new Dictionary<string, string>(lineageComplete ? lineage : [], StringComparer.Ordinal);
            foreach (var (key, value) in statistics.ToParameters(now))
            {
                parameters[key] = value;
            }

            registered = await catalog.SetParametersAsync(definition.Database, definition.Table, partition.Values, parameters, token);
            if (!registered)
            {
                LogMessages.ClosePartitionNotInCatalog(logger, definition.Table, partition.Path);
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
        await table.Store.PutAsync($"{definition.TablePrefix}{partition.Path}/{MarkerName}", marker, token);
        LogMessages.ClosePartitionClosed(logger, definition.Table, partition.Path, statistics.Files, statistics.Rows, statistics.Bytes, registered);
        return true;
    }

    /// <summary>
    /// The row count and lineage in a Parquet file's footer (lineage null when the file does not carry it), or null
    /// when the file is not Parquet or cannot be read.
    /// </summary>
    private async Task<(long Rows, FileLineage? Lineage)?> FooterAsync(IObjectStore store, ObjectInfo file, CancellationToken token)
    {
        if (!file.Key.EndsWith(".parquet", StringComparison.Ordinal) || file.Size > MaxParquetBytes)
        {
            return null;
        }

        var stream = await store.GetAsync(file.Key, token);
        if (stream is null)
        {
            return null;
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
                return (reader.RowCount, FileLineage.FromMetadata(reader.KeyValueMetadata, reader.RowCount));
            }
            catch (ParquetFormatException e)
            {
                LogMessages.CloseUnreadableParquet(logger, file.Key, e.Message);
                return null;
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

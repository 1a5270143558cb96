using System.Globalization;
using System.Runtime.CompilerServices;
using Etl.Core.Contracts;
using Etl.Core.Records;

namespace Etl.Ingest.Local;

/// <summary>
/// A one-shard stream over a newline-delimited file (NDJSON) or standard input: line <c>n</c> (1-based, blank lines
/// skipped but counted) is the record with sequence number <c>n</c>. Used by offline conversion (`etl convert`).
/// </summary>
public sealed class LinesSource : IShardedSource
{
    public const string ShardId = "lines";

    private readonly Func<Stream> _open;
    private readonly bool _rereadable;
    private readonly DateTimeOffset _arrival;
    private readonly int _batchSize;

    /// <param name="path">The file, or "-" for standard input.</param>
    /// <param name="arrival">The arrival time given to every record (partitioning by arrival uses it).</param>
    /// <param name="batchSize">Records per batch.</param>
    public LinesSource(string path, DateTimeOffset arrival, int batchSize = 4096)
    {
        if (path == "-")
        {
            _open = Console.OpenStandardInput;
            _rereadable = false;
        }
        else
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"input file '{path}' does not exist", path);
            }

            _open = () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            _rereadable = true;
        }

        _arrival = arrival;
        _batchSize = batchSize;
        StreamName = path == "-" ? "stdin" : Path.GetFileName(path);
    }

    public string StreamName { get; }

    public async IAsyncEnumerable<SourceBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<SourceRecord>(_batchSize);
        await foreach (var record in ReadLinesAsync(cancellationToken))
        {
            batch.Add(record);
            if (batch.Count == _batchSize)
            {
                yield return new SourceBatch(ShardId, batch);
                batch = new List<SourceRecord>(_batchSize);
            }
        }

        yield return new SourceBatch(ShardId, batch, ShardEnded: true);
    }

    public async IAsyncEnumerable<SourceRecord> ReadRangeAsync(string shardId, StreamPosition first, StreamPosition last, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!_rereadable)
        {
            throw new InvalidOperationException("standard input cannot be read twice");
        }

        await foreach (var record in ReadLinesAsync(cancellationToken))
        {
            if (record.Position.CompareTo(first) >= 0 && record.Position.CompareTo(last) <= 0)
            {
                yield return record;
            }
        }
    }

    private async IAsyncEnumerable<SourceRecord> ReadLinesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Splits raw bytes on '\n' (no decoding: invalid UTF-8 is the decoder's to report, with its reason).
        await using var stream = _open();
        var buffer = new byte[1 << 20];
        var filled = 0;
        long line = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            filled += read;
            var start = 0;
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, filled - start);
                if (newline < 0)
                {
                    break;
                }

                line++;
                if (Make(buffer.AsSpan(start, newline - start), line) is { } record)
                {
                    yield return record;
                }

                start = newline + 1;
            }

            if (read == 0)
            {
                if (filled > start)
                {
                    line++;
                    if (Make(buffer.AsSpan(start, filled - start), line) is { } last)
                    {
                        yield return last;
                    }
                }

                yield break;
            }

            // Keep the partial line; grow the buffer when one line fills it.
            var rest = filled - start;
            if (start == 0 && rest == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            else
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, rest);
            }

            filled = rest;
        }
    }

    private SourceRecord? Make(ReadOnlySpan<byte> text, long line)
    {
        if (text.Length > 0 && text[^1] == (byte)'\r')
        {
            text = text[..^1];
        }

        if (text.IsEmpty)
        {
            return null;
        }

        var sequence = line.ToString(CultureInfo.InvariantCulture);
        return new SourceRecord(text.ToArray(), sequence, new StreamPosition(ShardId, sequence), _arrival);
    }
}

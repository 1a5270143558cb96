using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Etl.Host.Admin.Audit;

/// <summary>
/// Append-only audit log of admin changes: JSON lines under <c>DataRoot/audit/</c>, one file per UTC day
/// (<c>yyyy-MM-dd.jsonl</c>). Writes are serialized within the process and flushed before the call returns.
/// </summary>
public sealed class AuditLog(string folder, TimeProvider time) : IDisposable
{
    /// <summary>Most entries <see cref="ReadAsync"/> returns.</summary>
    public const int MaxRead = 1000;

    /// <summary>Longest audit file read back (larger files are read up to this size).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Folder { get; } = Path.GetFullPath(folder);

    public string FileFor(DateOnly day) => Path.Combine(Folder, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".jsonl");

    /// <summary>Appends one entry stamped with the current time and returns it.</summary>
    public async Task<AuditEntry> WriteAsync(string actor, string authMethod, string operation, string target, object? before, object? after, CancellationToken token)
    {
        var now = time.GetUtcNow();
        var entry = new AuditEntry(now, actor, authMethod, operation, target, Element(before), Element(after));
        var line = JsonSerializer.Serialize(entry, Json) + "\n";
        await _gate.WaitAsync(token);
        try
        {
            Directory.CreateDirectory(Folder);
            await using var stream = new FileStream(FileFor(DateOnly.FromDateTime(now.UtcDateTime)), FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(line), token);
            await stream.FlushAsync(token);
        }
        finally
        {
            _gate.Release();
        }

        return entry;
    }

    /// <summary>The last <paramref name="limit"/> entries of a day, oldest first; empty when the day has none.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(DateOnly day, int limit, CancellationToken token)
    {
        limit = Math.Clamp(limit, 1, MaxRead);
        var path = FileFor(day);
        if (!File.Exists(path))
        {
            return [];
        }

        var entries = new Queue<AuditEntry>();
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.Asynchronous);
        using var reader = new StreamReader(new CappedStream(stream, MaxFileBytes), Encoding.UTF8);
        while (await reader.ReadLineAsync(token) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            AuditEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<AuditEntry>(line, Json);
            }
            catch (JsonException)
            {
                // A line torn by a crash mid-write: skip it, keep the rest.
                continue;
            }

            if (entry is not null)
            {
                entries.Enqueue(entry);
                if (entries.Count > limit)
                {
                    entries.Dequeue();
                }
            }
        }

        return [.. entries];
    }

    public void Dispose() => _gate.Dispose();

    private static JsonElement? Element(object? value) => value is null ? null : JsonSerializer.SerializeToElement(value, value.GetType(), Json);

    /// <summary>Reads at most a fixed number of bytes from the inner stream.</summary>
    private sealed class CappedStream(Stream inner, long cap) : Stream
    {
        private long _left = cap;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
            _left -= n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _left)], cancellationToken);
            _left -= n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

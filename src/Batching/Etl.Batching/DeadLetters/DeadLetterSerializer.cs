using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Etl.Core.Records;

namespace Etl.Batching.DeadLetters;

/// <summary>
/// Writes and reads dead-letter envelopes as JSON lines: reason kind, message, field path, keyword, schema version,
/// shard, sequence and sub-sequence, partition key, arrival and rejection time, attempts, and the raw data in base64.
/// </summary>
public static class DeadLetterSerializer
{
    /// <summary>Writes one JSON line per record.</summary>
    public static void WriteLines(Stream output, IEnumerable<DeadLetterRecord> records)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        foreach (var record in records)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(writer, record);
            }

            output.Write(buffer.WrittenSpan);
            output.WriteByte((byte)'\n');
        }
    }

    private static void Write(Utf8JsonWriter writer, DeadLetterRecord r)
    {
        writer.WriteStartObject();
        WriteEnvelopeFields(writer, r);
        writer.WriteBase64String("rawData", r.RawData);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes every envelope property except the raw data (the caller chooses how to show it) into an open JSON
    /// object: the stored form and the `etl deadletter show` output share these names and formats.
    /// </summary>
    public static void WriteEnvelopeFields(Utf8JsonWriter writer, DeadLetterRecord r)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(r);
        writer.WriteString("pipeline", r.Pipeline);
        writer.WriteString("table", r.Table);
        writer.WriteString("reasonKind", r.Reason.Kind.ToString());
        writer.WriteString("message", r.Reason.Message);
        if (r.Reason.FieldPath is not null)
        {
            writer.WriteString("fieldPath", r.Reason.FieldPath);
        }

        if (r.Reason.Keyword is not null)
        {
            writer.WriteString("keyword", r.Reason.Keyword);
        }

        if (r.SchemaVersion is not null)
        {
            writer.WriteString("schemaName", r.SchemaVersion.SchemaName);
            writer.WriteNumber("schemaVersion", r.SchemaVersion.Version);
            writer.WriteString("schemaVersionId", r.SchemaVersion.VersionId);
        }

        writer.WriteString("shardId", r.ShardId);
        writer.WriteString("sequenceNumber", r.SequenceNumber);
        writer.WriteNumber("subSequenceNumber", r.SubSequenceNumber);
        writer.WriteString("partitionKey", r.PartitionKey);
        writer.WriteString("arrivalTime", r.ArrivalTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("rejectedAt", r.RejectedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteNumber("attempts", r.Attempts);
    }

    /// <summary>Reads the envelopes of a JSON-lines dead-letter object; a malformed line throws with its line number.</summary>
    public static IReadOnlyList<DeadLetterRecord> ReadLines(Stream input)
    {
        var result = new List<DeadLetterRecord>();
        using var reader = new StreamReader(input);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                result.Add(Read(doc.RootElement));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
            {
                throw new FormatException($"dead-letter line {lineNumber} is not a valid envelope: {e.Message}", e);
            }
        }

        return result;
    }

    private static DeadLetterRecord Read(JsonElement e)
    {
        static string? Opt(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var kind = Enum.Parse<DeadLetterKind>(e.GetProperty("reasonKind").GetString()!);
        SchemaVersionRef? version = e.TryGetProperty("schemaName", out var name)
            ? new SchemaVersionRef(name.GetString()!, e.GetProperty("schemaVersion").GetInt32(), e.GetProperty("schemaVersionId").GetGuid())
            : null;
        return new DeadLetterRecord(
            e.GetProperty("pipeline").GetString()!,
            e.GetProperty("table").GetString()!,
            new DeadLetterReason(kind, e.GetProperty("message").GetString()!, Opt(e, "fieldPath"), Opt(e, "keyword")),
            version,
            e.GetProperty("shardId").GetString()!,
            e.GetProperty("sequenceNumber").GetString()!,
            e.GetProperty("subSequenceNumber").GetInt64(),
            e.GetProperty("partitionKey").GetString()!,
            e.GetProperty("arrivalTime").GetDateTimeOffset(),
            e.GetProperty("rejectedAt").GetDateTimeOffset(),
            e.GetProperty("attempts").GetInt32(),
            e.GetProperty("rawData").GetBytesFromBase64());
    }
}

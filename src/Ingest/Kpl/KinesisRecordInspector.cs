using Etl.Core.Text;
using System.Buffers;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Etl.Core.Records;

namespace Etl.Ingest.Kpl;

/// <summary>Writes the payload properties of one user record into the inspector's JSON object.</summary>
/// <param name="writer">A writer positioned inside the user record's JSON object.</param>
/// <param name="userRecordData">The user record's bytes.</param>
public delegate void UserRecordPayloadWriter(Utf8JsonWriter writer, ReadOnlyMemory<byte> userRecordData);

/// <summary>
/// Produces the JSON report of <c>etl inspect record</c>: whether the Kinesis record is a KPL aggregate, and for each
/// user record its sub-sequence number, partition key, explicit and effective hash keys, whether it lies inside the
/// given shard range, why it would be dead-lettered, and its payload. The payload part is pluggable so the host can
/// add GSR unframing and schema decoding (see <c>Etl.SchemaGovernance.Framing.GsrPayloadInspector</c>).
/// </summary>
public static class KinesisRecordInspector
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    /// <summary>Inspects one Kinesis record, with the range given as arbitrary-precision bounds.</summary>
    public static string InspectToJson(
        ReadOnlyMemory<byte> data,
        string? partitionKey,
        (BigInteger Start, BigInteger End)? range,
        UserRecordPayloadWriter? payloadWriter = null) =>
        InspectToJson(data, partitionKey, range is { } r ? HashKeyRange.From(r.Start, r.End) : null, payloadWriter);

    /// <summary>
    /// Inspects one Kinesis record. <paramref name="partitionKey"/> is the Kinesis-level key (used for a plain record's
    /// hash key; may be null when unknown). <paramref name="payloadWriter"/> defaults to <see cref="WritePlainPayload"/>.
    /// </summary>
    public static string InspectToJson(
        ReadOnlyMemory<byte> data,
        string? partitionKey,
        HashKeyRange? range,
        UserRecordPayloadWriter? payloadWriter = null)
    {
        payloadWriter ??= WritePlainPayload;
        var envelope = new KinesisRecordEnvelope(data, partitionKey ?? string.Empty, "0", DateTimeOffset.UnixEpoch, "inspect", range);
        var records = KplDeaggregator.Deaggregate(envelope);

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("size", data.Length);
            writer.WriteBoolean("aggregated", records.Count == 0 || records[0].IsAggregated);
            writer.WriteString("partitionKey", partitionKey);
            if (range is { } r)
            {
                writer.WriteStartObject("hashRange");
                writer.WriteString("start", HashKeys.Format(r.Start));
                writer.WriteString("end", HashKeys.Format(r.End));
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("hashRange");
            }

            if (records.Count == 1 && records[0].IsAggregated && records[0].Record.Data.Length == data.Length && !records[0].IsSuccess)
            {
                // The aggregate itself is unreadable: report the defect, and no user records.
                WriteReason(writer, "error", records[0].Reason!);
                writer.WriteStartArray("records");
                writer.WriteEndArray();
            }
            else
            {
                writer.WriteStartArray("records");
                foreach (var record in records)
                {
                    WriteUserRecord(writer, record, partitionKey, range, payloadWriter);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <c>payload</c> as raw JSON when the bytes are a UTF-8 JSON document, else <c>payloadBase64</c>.</summary>
    public static void WritePlainPayload(Utf8JsonWriter writer, ReadOnlyMemory<byte> userRecordData)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (JsonText.IsDocument(userRecordData.Span))
        {
            writer.WritePropertyName("payload");
            writer.WriteRawValue(userRecordData.Span, skipInputValidation: true);
        }
        else
        {
            writer.WriteBase64String("payloadBase64", userRecordData.Span);
        }
    }

    private static void WriteUserRecord(Utf8JsonWriter writer, DeaggregatedRecord record, string? outerPartitionKey, HashKeyRange? range, UserRecordPayloadWriter payloadWriter)
    {
        writer.WriteStartObject();
        writer.WriteNumber("subSequenceNumber", record.Record.Position.SubSequenceNumber);
        writer.WriteString("partitionKey", record.IsAggregated ? record.Record.PartitionKey : outerPartitionKey);

        UInt128? effective = record.EffectiveHashKey;
        if (!record.IsAggregated && outerPartitionKey is not null)
        {
            effective = HashKeys.FromPartitionKey(outerPartitionKey);
        }

        WriteHashKey(writer, "explicitHashKey", record.HasExplicitHashKey ? effective : null);
        WriteHashKey(writer, "effectiveHashKey", effective);
        if (range is { } r && effective is { } e)
        {
            writer.WriteBoolean("insideRange", r.Contains(e));
        }
        else
        {
            writer.WriteNull("insideRange");
        }

        if (record.IsSuccess)
        {
            writer.WriteNull("deadLetter");
        }
        else
        {
            WriteReason(writer, "deadLetter", record.Reason);
        }

        writer.WriteNumber("size", record.Record.Data.Length);
        payloadWriter(writer, record.Record.Data);
        writer.WriteEndObject();
    }

    private static void WriteHashKey(Utf8JsonWriter writer, string name, UInt128? value)
    {
        if (value is { } v)
        {
            writer.WriteString(name, HashKeys.Format(v));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteReason(Utf8JsonWriter writer, string name, DeadLetterReason reason)
    {
        writer.WriteStartObject(name);
        writer.WriteString("kind", reason.Kind.ToString());
        writer.WriteString("message", reason.Message);
        writer.WriteEndObject();
    }
}

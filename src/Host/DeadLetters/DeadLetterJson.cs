using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Etl.Batching.DeadLetters;
using Etl.Core.Records;

namespace Etl.Host.DeadLetters;

/// <summary>The JSON printed by `etl deadletter list` and `etl deadletter show`.</summary>
internal static class DeadLetterJson
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary><c>{"objects":[{key, bytes, lastModified, records, byReason, firstArrival, lastArrival}], "objectCount", "recordCount"}</c>.</summary>
    public static void WriteList(Stream output, IReadOnlyList<DeadLetterObjectSummary> objects)
    {
        using var w = new Utf8JsonWriter(output, Indented);
        w.WriteStartObject();
        w.WriteNumber("objectCount", objects.Count);
        w.WriteNumber("recordCount", objects.Sum(o => (long)o.Records));
        w.WriteStartArray("objects");
        foreach (var o in objects)
        {
            w.WriteStartObject();
            w.WriteString("key", o.Key);
            w.WriteNumber("records", o.Records);
            w.WriteStartObject("byReason");
            foreach (var (kind, count) in o.ByReason)
            {
                w.WriteNumber(kind.ToString(), count);
            }

            w.WriteEndObject();
            WriteTime(w, "firstArrival", o.FirstArrival);
            WriteTime(w, "lastArrival", o.LastArrival);
            w.WriteNumber("bytes", o.Bytes);
            WriteTime(w, "lastModified", o.LastModified);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// <c>{"key", "records":[envelope]}</c>; each envelope's raw data is <c>rawText</c> when it is valid UTF-8, else
    /// <c>rawBase64</c>.
    /// </summary>
    public static void WriteShow(Stream output, string key, IReadOnlyList<DeadLetterRecord> envelopes)
    {
        using var w = new Utf8JsonWriter(output, Indented);
        w.WriteStartObject();
        w.WriteString("key", key);
        w.WriteStartArray("records");
        foreach (var r in envelopes)
        {
            w.WriteStartObject();
            DeadLetterSerializer.WriteEnvelopeFields(w, r);
            if (Utf8.IsValid(r.RawData))
            {
                w.WriteString("rawText", System.Text.Encoding.UTF8.GetString(r.RawData));
            }
            else
            {
                w.WriteBase64String("rawBase64", r.RawData);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            w.WriteString(name, t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

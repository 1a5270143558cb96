using Etl.Core.Text;
using System.Text.Json;
using Etl.Core.Records;

namespace Etl.SchemaGovernance.Framing;

/// <summary>
/// Describes one user record's GSR frame and payload as JSON properties, for <c>etl inspect record</c>. Plugs into the
/// Kinesis record inspector as its payload writer:
/// <c>(writer, data) =&gt; GsrPayloadInspector.WriteProperties(writer, data, decoder, payloadDecoder)</c>.
/// </summary>
public static class GsrPayloadInspector
{
    /// <summary>
    /// Writes <c>gsr</c> (the header: schemaVersionId, compression; null when the record has none), <c>frameError</c>
    /// when unframing fails, <c>decoded</c> (what <paramref name="payloadDecoder"/> returned for the schema version, if it
    /// returned JSON), and the payload as <c>payload</c> (UTF-8 JSON) or <c>payloadBase64</c>.
    /// </summary>
    /// <param name="writer">A writer positioned inside a JSON object.</param>
    /// <param name="data">The user record's bytes.</param>
    /// <param name="decoder">The frame decoder; null uses <see cref="GsrFrameOptions.Strict"/> limits.</param>
    /// <param name="payloadDecoder">
    /// Optional schema-aware decoder: given the schema version id and the unframed payload, returns the record as JSON
    /// text, or null when it cannot. Its exceptions are reported as <c>decodeError</c>, not thrown.
    /// </param>
    public static void WriteProperties(
        Utf8JsonWriter writer,
        ReadOnlyMemory<byte> data,
        GsrFrameDecoder? decoder = null,
        Func<Guid, ReadOnlyMemory<byte>, string?>? payloadDecoder = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = data.Span;
        var framed = GsrWireFormat.HasHeader(span);
        if (!framed)
        {
            writer.WriteNull("gsr");
            WritePayload(writer, data);
            return;
        }

        writer.WriteStartObject("gsr");
        writer.WriteString("schemaVersionId", GsrWireFormat.ReadSchemaVersionId(span[GsrWireFormat.SchemaVersionIdOffset..]));
        writer.WriteString("compression", (GsrCompression)span[1] == GsrCompression.Zlib ? "zlib" : "none");
        writer.WriteEndObject();

        var result = (decoder ?? new GsrFrameDecoder(GsrFrameOptions.Strict)).Decode(data);
        if (!result.IsSuccess)
        {
            WriteReason(writer, "frameError", result.Reason);
            return;
        }

        var frame = result.Frame;
        if (payloadDecoder is not null)
        {
            WriteDecoded(writer, payloadDecoder, frame);
        }

        WritePayload(writer, frame.Payload);
    }

    /// <summary>Writes <c>payload</c> as raw JSON when the bytes are a UTF-8 JSON document, else <c>payloadBase64</c>.</summary>
    public static void WritePayload(Utf8JsonWriter writer, ReadOnlyMemory<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (JsonText.IsDocument(payload.Span))
        {
            writer.WritePropertyName("payload");
            writer.WriteRawValue(payload.Span, skipInputValidation: true);
        }
        else
        {
            writer.WriteBase64String("payloadBase64", payload.Span);
        }
    }

    private static void WriteDecoded(Utf8JsonWriter writer, Func<Guid, ReadOnlyMemory<byte>, string?> payloadDecoder, GsrFrame frame)
    {
        string? decoded;
        try
        {
            decoded = payloadDecoder(frame.SchemaVersionId, frame.Payload);
        }
        catch (Exception e)
        {
            writer.WriteString("decodeError", e.Message);
            return;
        }

        if (decoded is null)
        {
            return;
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(decoded);
        if (JsonText.IsDocument(bytes))
        {
            writer.WritePropertyName("decoded");
            writer.WriteRawValue(bytes, skipInputValidation: true);
        }
        else
        {
            writer.WriteString("decoded", decoded);
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

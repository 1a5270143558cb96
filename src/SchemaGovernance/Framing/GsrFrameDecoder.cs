using Etl.Core.Records;

namespace Etl.SchemaGovernance.Framing;

/// <summary>
/// Unframes Glue Schema Registry records. Never throws for bad bytes: a malformed header or zlib stream is
/// <see cref="DeadLetterKind.BadFrame"/>, an inflated payload past the cap is <see cref="DeadLetterKind.DecompressionLimit"/>.
/// Thread-safe; create one per options set.
/// </summary>
public sealed class GsrFrameDecoder
{
    private readonly GsrFrameOptions options;

    public GsrFrameDecoder(GsrFrameOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
    }

    /// <summary>The options in force.</summary>
    public GsrFrameOptions Options => options;

    /// <summary>
    /// Decodes one user record. An uncompressed payload is a slice of <paramref name="data"/>; a compressed one is
    /// inflated into a new array of at most <see cref="GsrFrameOptions.MaxDecompressedBytes"/> bytes.
    /// </summary>
    public GsrDecodeResult Decode(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        if (!GsrWireFormat.HasHeader(span))
        {
            return DecodeUnframed(data);
        }

        var versionId = GsrWireFormat.ReadSchemaVersionId(span[GsrWireFormat.SchemaVersionIdOffset..]);
        var compression = (GsrCompression)span[1];
        var body = data[GsrWireFormat.HeaderLength..];
        if (compression == GsrCompression.None)
        {
            return GsrDecodeResult.Success(new GsrFrame(versionId, compression, body));
        }

        return BoundedInflater.TryInflate(body, options.MaxDecompressedBytes, out var inflated, out var length) switch
        {
            BoundedInflater.Outcome.Inflated => GsrDecodeResult.Success(new GsrFrame(versionId, compression, inflated.AsMemory(0, length))),
            BoundedInflater.Outcome.LimitExceeded => GsrDecodeResult.Failure(
                DeadLetterKind.DecompressionLimit,
                $"The zlib payload inflates to more than {options.MaxDecompressedBytes} bytes."),
            _ => GsrDecodeResult.Failure(DeadLetterKind.BadFrame, "The zlib payload is corrupt or truncated."),
        };
    }

    private GsrDecodeResult DecodeUnframed(ReadOnlyMemory<byte> data)
    {
        if (options.UnframedRecords == UnframedRecordPolicy.UseDefaultSchemaVersion)
        {
            return GsrDecodeResult.Success(new GsrFrame(options.DefaultSchemaVersionId!.Value, GsrCompression.None, data, HadHeader: false));
        }

        return GsrDecodeResult.Failure(DeadLetterKind.BadFrame, DescribeMissingHeader(data.Span));
    }

    private static string DescribeMissingHeader(ReadOnlySpan<byte> span)
    {
        if (span.Length > 0 && span[0] == GsrWireFormat.HeaderVersion)
        {
            if (span.Length < GsrWireFormat.HeaderLength)
            {
                return $"The record is {span.Length} bytes, shorter than the {GsrWireFormat.HeaderLength}-byte header.";
            }

            return $"Unknown compression byte 0x{span[1]:x2} (expected 0x00 or 0x05).";
        }

        return span.IsEmpty
            ? "The record is empty."
            : $"The record has no schema registry header (first byte 0x{span[0]:x2}, expected 0x03).";
    }
}

using System.Diagnostics.CodeAnalysis;
using Etl.Core.Records;

namespace Etl.SchemaGovernance.Framing;

/// <summary>The outcome of unframing one record: the frame, or why it was rejected (<c>BadFrame</c> or <c>DecompressionLimit</c>).</summary>
public readonly struct GsrDecodeResult
{
    private readonly GsrFrame frame;

    private GsrDecodeResult(GsrFrame frame, DeadLetterReason? reason)
    {
        this.frame = frame;
        Reason = reason;
    }

    /// <summary>Why the record was rejected; null on success.</summary>
    public DeadLetterReason? Reason { get; }

    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsSuccess => Reason is null;

    /// <summary>The decoded frame; throws when the record was rejected.</summary>
    public GsrFrame Frame => Reason is null ? frame : throw new InvalidOperationException("The record was rejected: " + Reason);

    public static GsrDecodeResult Success(GsrFrame frame) => new(frame, null);

    public static GsrDecodeResult Failure(DeadLetterKind kind, string message) => new(default, new DeadLetterReason(kind, message));

    /// <summary>Returns the frame when decoding succeeded.</summary>
    public bool TryGetFrame(out GsrFrame result)
    {
        result = frame;
        return Reason is null;
    }
}

using System.Net;

namespace Etl.Aws;

/// <summary>
/// A failed AWS call: the operation, the service's error code (sanitised <c>__type</c>), the HTTP status and message,
/// and whether retrying may help. Transport failures (connection refused, timeout) carry the code
/// <see cref="TransportErrorCode"/> and status 0.
/// </summary>
public sealed class AwsServiceException : Exception
{
    /// <summary>The error code used when no HTTP response was received.</summary>
    public const string TransportErrorCode = "TransportError";

    public AwsServiceException(string operation, string errorCode, HttpStatusCode statusCode, string serviceMessage, bool isRetryable, bool isThrottling, string? requestId = null, Exception? innerException = null)
        : base(Describe(operation, errorCode, statusCode, serviceMessage), innerException)
    {
        Operation = operation;
        ErrorCode = errorCode;
        StatusCode = statusCode;
        ServiceMessage = serviceMessage;
        IsRetryable = isRetryable;
        IsThrottling = isThrottling;
        RequestId = requestId;
    }

    public AwsServiceException()
        : this("Unknown", "Unknown", 0, string.Empty, false, false)
    {
    }

    public AwsServiceException(string message)
        : this("Unknown", "Unknown", 0, message, false, false)
    {
    }

    public AwsServiceException(string message, Exception innerException)
        : this("Unknown", "Unknown", 0, message, false, false, null, innerException)
    {
    }

    /// <summary>The operation that failed (e.g. "GetRecords").</summary>
    public string Operation { get; }

    /// <summary>The error code without namespace or URL (e.g. "ResourceNotFoundException").</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status; 0 when no response was received.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The service's message text (may be empty).</summary>
    public string ServiceMessage { get; }

    /// <summary>True for throttling, 5xx and transport errors: the same request may succeed later.</summary>
    public bool IsRetryable { get; }

    /// <summary>True when the service asked the caller to slow down.</summary>
    public bool IsThrottling { get; }

    /// <summary>x-amzn-RequestId of the failed response, when present.</summary>
    public string? RequestId { get; }

    private static string Describe(string operation, string errorCode, HttpStatusCode statusCode, string message) =>
        $"{operation} failed: {errorCode} (HTTP {(int)statusCode}){(string.IsNullOrEmpty(message) ? string.Empty : ": " + message)}";
}

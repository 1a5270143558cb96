using System.Collections.Frozen;
using System.Net;

namespace Etl.Aws;

/// <summary>Decides which AWS errors are throttling and which are worth retrying.</summary>
internal static class AwsErrorClassifier
{
    // Error codes the AWS SDKs treat as throttling. LimitExceededException is a rate limit in Kinesis and DynamoDB
    // (too many concurrent control-plane calls, or GetShardIterator/SubscribeToShard rates), so it is retried;
    // the Glue "ResourceNumberLimitExceededException" is a quota and is not.
    private static readonly FrozenSet<string> Throttling = new[]
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException", "ThrottlingError",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Transient = new[]
    {
        "RequestTimeout", "RequestTimeoutException", "InternalFailure", "InternalError", "InternalServerError",
        "InternalServiceException", "InternalServerException", "ServiceUnavailable", "ServiceUnavailableException",
        "IDPCommunicationError", "KMSThrottlingException",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsThrottling(string errorCode, HttpStatusCode status) =>
        Throttling.Contains(errorCode) || status == HttpStatusCode.TooManyRequests;

    public static bool IsRetryable(string errorCode, HttpStatusCode status) =>
        IsThrottling(errorCode, status) || Transient.Contains(errorCode) || (int)status >= 500;
}

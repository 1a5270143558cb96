using Amazon.Runtime;

namespace Etl.Aws;

/// <summary>Options of an <see cref="AwsJsonClient"/>; every default is documented on its property.</summary>
public sealed class AwsJsonClientOptions
{
    /// <summary>
    /// Credentials to sign with. Default: static test credentials for a loopback endpoint, otherwise AWSSDK.Core's
    /// default chain (environment, profile, web identity, container and instance roles).
    /// </summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Retry policy of <see cref="AwsJsonClient.SendAsync(string, System.Text.Json.Nodes.JsonNode?, CancellationToken)"/>. Default: <see cref="AwsRetryOptions"/> defaults.</summary>
    public AwsRetryOptions Retry { get; init; } = new();

    /// <summary>Timeout of a single HTTP attempt; a timed-out attempt is retried. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest response body accepted. Default 24 MiB (a 10 MiB GetRecords response grows by a third as base64).</summary>
    public int MaxResponseBytes { get; init; } = 24 * 1024 * 1024;

    /// <summary>Clock for signing and budgets. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>JSON protocol version in the content type. Default "1.1" (Kinesis, Glue, Athena); DynamoDB uses "1.0".</summary>
    public string JsonVersion { get; init; } = "1.1";
}

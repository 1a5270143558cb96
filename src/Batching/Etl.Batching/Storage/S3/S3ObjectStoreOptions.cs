using Amazon.Runtime;
using Etl.Aws;

namespace Etl.Batching.Storage.S3;

/// <summary>Options of <see cref="S3ObjectStore"/>; defaults are documented on each property.</summary>
public sealed class S3ObjectStoreOptions
{
    /// <summary>Bucket name. Required.</summary>
    public string Bucket { get; init; } = string.Empty;

    /// <summary>Key prefix under which the store's keys live (no leading slash; a trailing one is added). Default: none.</summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>
    /// Endpoint and region. The endpoint comes from the settings, then AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL, then
    /// the public regional endpoint. Default: environment only.
    /// </summary>
    public AwsEndpointSettings Endpoint { get; init; } = new();

    /// <summary>Credentials. Default: static test credentials for a loopback endpoint, else the AWS SDK default chain.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Path-style addressing (<c>http://host/bucket/key</c>). Default: true for a configured (non-AWS) endpoint.</summary>
    public bool? ForcePathStyle { get; init; }

    /// <summary>
    /// Objects up to this size go in one PUT; larger ones in a multipart upload. Default 16 MiB; at least
    /// <see cref="PartSize"/>.
    /// </summary>
    public long MultipartThreshold { get; init; } = 16 * 1024 * 1024;

    /// <summary>Multipart part size. Default 8 MiB; S3 requires at least 5 MiB (except the last part).</summary>
    public int PartSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>
    /// Make <see cref="S3ObjectStore.PutIfAbsentAsync"/> atomic with <c>If-None-Match: *</c> (S3 conditional writes).
    /// When false, it checks with HEAD first, which races with a concurrent writer of the same key (safe for this
    /// pipeline's deterministic keys, whose content is identical). Default: true on AWS, false for other endpoints
    /// (s3rver ignores the header).
    /// </summary>
    public bool? ConditionalWrites { get; init; }

    /// <summary>
    /// Local S3 emulators (s3rver) store aws-chunked bodies as is: when true, request checksums are computed only
    /// when an operation requires them and uploads are sent without chunk encoding, with a Content-MD5 per request
    /// instead. Default: true for a loopback endpoint.
    /// </summary>
    public bool? LocalEndpointCompatibility { get; init; }

    /// <summary>Retries of one request by the SDK (standard mode: exponential backoff with jitter). Default 5.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>Timeout of one HTTP request. Default 2 minutes.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Clock for the waits between retries of conflicting create-only writes. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Fails fast with a message naming the setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            throw new ArgumentException("S3ObjectStoreOptions.Bucket is required");
        }

        if (Prefix.StartsWith('/'))
        {
            throw new ArgumentException("S3ObjectStoreOptions.Prefix must not start with '/'");
        }

        if (PartSize < 5 * 1024 * 1024)
        {
            throw new ArgumentException("S3ObjectStoreOptions.PartSize must be at least 5 MiB (S3's minimum part size)");
        }

        if (MultipartThreshold < PartSize)
        {
            throw new ArgumentException("S3ObjectStoreOptions.MultipartThreshold must be at least PartSize");
        }

        if (MaxRetries < 0)
        {
            throw new ArgumentException("S3ObjectStoreOptions.MaxRetries must not be negative");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("S3ObjectStoreOptions.RequestTimeout must be positive");
        }
    }
}

using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Etl.Aws;

namespace Etl.Batching.Storage.S3;

/// <summary>Builds the AWS SDK S3 client for <see cref="S3ObjectStoreOptions"/> and works out the automatic defaults.</summary>
internal static class S3ClientFactory
{
    public static (AmazonS3Client Client, S3Behaviour Behaviour) Create(S3ObjectStoreOptions options, HttpClientFactory? httpClientFactory = null)
    {
        var endpoint = AwsServiceEndpoint.Resolve("S3", "s3", "S3", options.Endpoint);
        var onAws = endpoint.Url.Host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase)
            || endpoint.Url.Host.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase);
        var local = options.LocalEndpointCompatibility ?? endpoint.IsLoopback;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle ?? !onAws,
            MaxErrorRetry = options.MaxRetries,
            RetryMode = RequestRetryMode.Standard,
            Timeout = options.RequestTimeout,
        };
        if (httpClientFactory is not null)
        {
            config.HttpClientFactory = httpClientFactory;
        }

        if (onAws)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(endpoint.Region);
        }
        else
        {
            config.ServiceURL = endpoint.Url.ToString();
            config.AuthenticationRegion = endpoint.Region;
        }

        if (local)
        {
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        var credentials = options.Credentials ?? (endpoint.IsLoopback ? LoopbackCredentials.Get() : null);
        var client = credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
        return (client, new S3Behaviour(local, options.ConditionalWrites ?? onAws));
    }
}

/// <summary>The resolved behaviour switches.</summary>
/// <param name="LocalCompatibility">No chunk encoding; Content-MD5 per request instead of flexible checksums.</param>
/// <param name="ConditionalWrites">Create-only writes with If-None-Match.</param>
internal sealed record S3Behaviour(bool LocalCompatibility, bool ConditionalWrites);

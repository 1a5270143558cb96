using System.Globalization;

namespace Etl.Aws;

/// <summary>
/// One AWS JSON 1.1 service as a client sees it: the URL to POST to, the SigV4 signing name and region, and the
/// X-Amz-Target prefix.
/// </summary>
/// <param name="ServiceId">The SDK service id (e.g. "Kinesis", "DynamoDB", "Glue", "Athena").</param>
/// <param name="SigningName">The SigV4 service name (e.g. "kinesis", "glue").</param>
/// <param name="TargetPrefix">The X-Amz-Target prefix (e.g. "Kinesis_20131202", "AWSGlue", "AmazonAthena").</param>
/// <param name="Url">The endpoint URL requests are posted to.</param>
/// <param name="Region">The signing region.</param>
public sealed record AwsServiceEndpoint(string ServiceId, string SigningName, string TargetPrefix, Uri Url, string Region)
{
    /// <summary>Kinesis Data Streams: signing name "kinesis", target prefix "Kinesis_20131202".</summary>
    public static AwsServiceEndpoint Kinesis(AwsEndpointSettings? settings = null) =>
        Resolve("Kinesis", "kinesis", "Kinesis_20131202", settings);

    /// <summary>Glue: signing name "glue", target prefix "AWSGlue".</summary>
    public static AwsServiceEndpoint Glue(AwsEndpointSettings? settings = null) =>
        Resolve("Glue", "glue", "AWSGlue", settings);

    /// <summary>Athena: signing name "athena", target prefix "AmazonAthena".</summary>
    public static AwsServiceEndpoint Athena(AwsEndpointSettings? settings = null) =>
        Resolve("Athena", "athena", "AmazonAthena", settings);

    /// <summary>True when the endpoint is on this machine (a local emulator); such endpoints get static test credentials.</summary>
    public bool IsLoopback => Url.IsLoopback;

    /// <summary>
    /// Resolves the endpoint. URL precedence, as the AWS SDKs define it: <see cref="AwsEndpointSettings.EndpointUrl"/>,
    /// then <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> (service id upper-cased, spaces as underscores, e.g.
    /// AWS_ENDPOINT_URL_KINESIS, AWS_ENDPOINT_URL_DYNAMODB), then <c>AWS_ENDPOINT_URL</c>, then
    /// <c>https://{signingName}.{region}.amazonaws.com</c> (".com.cn" in China regions). The two environment variables
    /// are ignored when <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c> is "true". Region precedence: settings,
    /// AWS_REGION, AWS_DEFAULT_REGION, the shared config profile.
    /// </summary>
    /// <exception cref="InvalidOperationException">No region can be found, or an endpoint variable is not an absolute URL.</exception>
    public static AwsServiceEndpoint Resolve(string serviceId, string signingName, string targetPrefix, AwsEndpointSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(signingName);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetPrefix);
        settings ??= new AwsEndpointSettings();
        var env = settings.EnvironmentVariable;
        var url = settings.EndpointUrl ?? FromEnvironment(serviceId, env);
        var region = ResolveRegion(settings, url);
        url ??= DefaultUrl(signingName, region);
        return new AwsServiceEndpoint(serviceId, signingName, targetPrefix, url, region);
    }

    /// <summary>The environment variable name the AWS SDKs read for this service id (e.g. AWS_ENDPOINT_URL_KINESIS).</summary>
    public static string ServiceEndpointVariable(string serviceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        return "AWS_ENDPOINT_URL_" + serviceId.Trim().Replace(' ', '_').ToUpperInvariant();
    }

    private static Uri? FromEnvironment(string serviceId, Func<string, string?> env)
    {
        if (string.Equals(env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var name in new[] { ServiceEndpointVariable(serviceId), "AWS_ENDPOINT_URL" })
        {
            var value = env(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) ||
                (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException($"{name} must be an absolute http(s) URL, got '{value}'.");
            }

            return uri;
        }

        return null;
    }

    private static string ResolveRegion(AwsEndpointSettings settings, Uri? url)
    {
        var env = settings.EnvironmentVariable;
        var region = settings.Region;
        if (string.IsNullOrWhiteSpace(region))
        {
            region = env("AWS_REGION");
        }

        if (string.IsNullOrWhiteSpace(region))
        {
            region = env("AWS_DEFAULT_REGION");
        }

        if (string.IsNullOrWhiteSpace(region) && settings.UseProfileRegion)
        {
            region = ProfileRegion();
        }

        if (string.IsNullOrWhiteSpace(region))
        {
            // A local emulator does not care about the region; a real endpoint needs one to sign.
            if (url is not null && url.IsLoopback)
            {
                return "us-east-1";
            }

            throw new InvalidOperationException(
                "No AWS region: set the region in configuration, AWS_REGION, AWS_DEFAULT_REGION or the profile's 'region'.");
        }

        return region.Trim();
    }

    private static string? ProfileRegion()
    {
        try
        {
            var chain = new Amazon.Runtime.CredentialManagement.CredentialProfileStoreChain();
            var profileName = Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetProfileName();
            return chain.TryGetProfile(profileName, out var profile) ? profile.Region?.SystemName : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    private static Uri DefaultUrl(string signingName, string region)
    {
        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"https://{signingName}.{region}.{suffix}/"));
    }
}

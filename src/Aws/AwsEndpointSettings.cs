namespace Etl.Aws;

/// <summary>
/// Where a client should talk to, as configured by the application. Every property is optional: what is not set
/// here is taken from the standard AWS environment variables and the shared config file, in the order the AWS SDKs
/// use (see <see cref="AwsServiceEndpoint.Resolve"/>).
/// </summary>
public sealed class AwsEndpointSettings
{
    /// <summary>Region name (e.g. "eu-west-1"). Default: AWS_REGION, then AWS_DEFAULT_REGION, then the profile.</summary>
    public string? Region { get; init; }

    /// <summary>
    /// Explicit endpoint from configuration; wins over AWS_ENDPOINT_URL_&lt;SERVICE&gt; and AWS_ENDPOINT_URL.
    /// Default: none (environment, then the public regional endpoint).
    /// </summary>
    public Uri? EndpointUrl { get; init; }

    /// <summary>Reads an environment variable. Default: <see cref="Environment.GetEnvironmentVariable(string)"/>.</summary>
    public Func<string, string?> EnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Whether the shared config file's profile may supply the region. Default: true.</summary>
    public bool UseProfileRegion { get; init; } = true;
}

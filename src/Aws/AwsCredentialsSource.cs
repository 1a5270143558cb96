using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Etl.Aws;

/// <summary>Chooses the credentials a client signs with (see <see cref="AwsJsonClientOptions.Credentials"/>).</summary>
internal sealed class AwsCredentialsSource
{
    /// <summary>Access key used against local emulators, which accept any signature.</summary>
    public const string LocalAccessKey = "local-test-key";

    private AWSCredentials? _credentials;

    public AwsCredentialsSource(AwsServiceEndpoint endpoint, AWSCredentials? configured)
    {
        _credentials = configured ?? (endpoint.IsLoopback ? LoopbackCredentials.Get() : null);
    }

    /// <summary>
    /// The current credentials. The default chain is resolved on first use (so constructing a client never waits on
    /// instance metadata); refreshing credentials (roles, web identity) refresh themselves inside AWSSDK.Core.
    /// </summary>
    public async ValueTask<ImmutableCredentials> GetAsync()
    {
        var credentials = _credentials ??= await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null).ConfigureAwait(false);
        return await credentials.GetCredentialsAsync().ConfigureAwait(false);
    }
}

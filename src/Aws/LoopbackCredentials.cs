using Amazon.Runtime;

namespace Etl.Aws;

/// <summary>
/// Credentials for an endpoint on loopback (kinesalite, dynalite, s3rver, a contract server): the environment's
/// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY when both are set (s3rver accepts only its own key pair), else a fixed
/// test pair, so a local run needs no AWS profile.
/// </summary>
public static class LoopbackCredentials
{
    public static AWSCredentials Get()
    {
        var id = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        return !string.IsNullOrEmpty(id) && !string.IsNullOrEmpty(secret)
            ? new BasicAWSCredentials(id, secret)
            : new BasicAWSCredentials(AwsCredentialsSource.LocalAccessKey, "local-test-secret");
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Etl.TestSupport;

namespace Etl.Aws.Tests;

/// <summary>Cross-checks the request signature against aws-sdk v2's SigV4 signer (npm).</summary>
public sealed class SigV4SignerTests
{
    [Theory]
    [InlineData("https://kinesis.eu-west-1.amazonaws.com/", "eu-west-1", "kinesis", "Kinesis_20131202.GetRecords", null)]
    [InlineData("http://127.0.0.1:4567/", "us-east-1", "kinesis", "Kinesis_20131202.PutRecords", "session-token/with+chars=")]
    [InlineData("https://glue.cn-north-1.amazonaws.com.cn/", "cn-north-1", "glue", "AWSGlue.GetTable", null)]
    [InlineData("http://localhost:4566/proxy path/a", "ap-south-1", "athena", "AmazonAthena.StartQueryExecution", null)]
    public async Task Authorization_matches_independent_signer(string url, string region, string service, string target, string? token)
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.OK, "{}");
        var endpoint = new AwsServiceEndpoint("X", service, target[..target.IndexOf('.', StringComparison.Ordinal)], new Uri(url), region);
        AWSCredentials credentials = token is null
            ? new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
            : new SessionAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token);
        var client = new AwsJsonClient(endpoint, new HttpClient(handler), new AwsJsonClientOptions { Credentials = credentials });
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        await client.SendAsync(operation, new JsonObject { ["StreamName"] = "s", ["Data"] = "aGVsbG8=", ["Note"] = "ünïcode" }, CancellationToken.None);

        var (request, body) = handler.Requests.Single();
        var ours = request.Headers.GetValues("Authorization").Single();
        var input = new JsonObject
        {
            ["url"] = url,
            ["region"] = region,
            ["service"] = service,
            ["amzDate"] = request.Headers.GetValues("X-Amz-Date").Single(),
            ["headers"] = new JsonObject
            {
                ["Content-Type"] = request.Content!.Headers.ContentType!.ToString(),
                ["X-Amz-Target"] = request.Headers.GetValues("X-Amz-Target").Single(),
            },
            ["body"] = body,
            ["accessKeyId"] = "AKIDEXAMPLE",
            ["secretAccessKey"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            ["sessionToken"] = token,
        };
        var theirs = JsonNode.Parse(await NodeTool.RunAsync("kinesis-sigv4-sign.mjs", [], input.ToJsonString()))!["authorization"]!.GetValue<string>();

        Assert.Equal(theirs, ours);
    }
}

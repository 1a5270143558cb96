using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace Etl.Aws.Tests;

public sealed class AwsJsonClientTests
{
    private static readonly AwsServiceEndpoint Remote = new("Kinesis", "kinesis", "Kinesis_20131202", new Uri("https://kinesis.eu-west-1.amazonaws.com/"), "eu-west-1");

    private static AwsJsonClient Client(RecordingHandler handler, int attempts = 4, AWSCredentials? credentials = null) =>
        new(Remote, new HttpClient(handler), new AwsJsonClientOptions
        {
            Credentials = credentials ?? new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            Retry = new AwsRetryOptions { MaxAttempts = attempts, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        });

    [Fact]
    public async Task SendAsync_success_posts_signed_json_with_target()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.OK, """{"StreamDescriptionSummary":{"OpenShardCount":2}}""");
        var result = await Client(handler).SendAsync("DescribeStreamSummary", new JsonObject { ["StreamName"] = "s" }, CancellationToken.None);

        Assert.Equal(2, result["StreamDescriptionSummary"]!["OpenShardCount"]!.GetValue<int>());
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("Kinesis_20131202.DescribeStreamSummary", request.Headers.GetValues("X-Amz-Target").Single());
        Assert.Equal("application/x-amz-json-1.1", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("""{"StreamName":"s"}""", body);
        var auth = request.Headers.GetValues("Authorization").Single();
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", auth, StringComparison.Ordinal);
        Assert.Contains("/eu-west-1/kinesis/aws4_request", auth, StringComparison.Ordinal);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,", auth, StringComparison.Ordinal);
        Assert.Single(request.Headers.GetValues("X-Amz-Date"));
    }

    [Fact]
    public async Task SendAsync_session_credentials_sign_and_send_token()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.OK, "{}");
        await Client(handler, credentials: new SessionAWSCredentials("AK", "SK", "TOKEN")).SendAsync("ListShards", null, CancellationToken.None);
        var request = handler.Requests.Single().Request;
        Assert.Equal("TOKEN", request.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.Contains("x-amz-security-token;x-amz-target", request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
        Assert.Equal("{}", handler.Requests.Single().Body);
    }

    [Fact]
    public async Task SendAsync_empty_response_body_returns_empty_object()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.OK, string.Empty);
        var result = await Client(handler).SendAsync("MergeShards", new JsonObject(), CancellationToken.None);
        Assert.Empty(result.AsObject());
    }

    [Fact]
    public async Task SendAsync_throttled_then_ok_retries_and_returns()
    {
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.BadRequest, """{"__type":"ProvisionedThroughputExceededException","message":"Rate exceeded"}""")
            .Respond(HttpStatusCode.InternalServerError, """{"__type":"InternalFailure"}""")
            .Fail(new HttpRequestException("connection reset"))
            .Respond(HttpStatusCode.OK, """{"ok":true}""");
        var result = await Client(handler).SendAsync("GetRecords", new JsonObject(), CancellationToken.None);
        Assert.True(result["ok"]!.GetValue<bool>());
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_validation_error_surfaces_at_once_with_operation()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.BadRequest, """{"__type":"ValidationException","message":"1 validation error"}""");
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => Client(handler).SendAsync("PutRecords", new JsonObject(), CancellationToken.None));
        Assert.Single(handler.Requests);
        Assert.Equal("PutRecords", ex.Operation);
        Assert.Equal("ValidationException", ex.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task SendAsync_throttled_past_attempts_throws_last_error()
    {
        var handler = new RecordingHandler();
        for (var i = 0; i < 3; i++)
        {
            handler.Respond(HttpStatusCode.BadRequest, """{"__type":"LimitExceededException"}""");
        }

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => Client(handler, attempts: 3).SendAsync("GetShardIterator", null, CancellationToken.None));
        Assert.Equal(3, handler.Requests.Count);
        Assert.True(ex.IsThrottling);
    }

    [Fact]
    public async Task SendAsync_no_retry_policy_makes_one_attempt()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.ServiceUnavailable, "{}").Respond(HttpStatusCode.OK, "{}");
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => Client(handler).SendAsync("GetRecords", null, AwsRetryOptions.None, CancellationToken.None));
        Assert.Single(handler.Requests);
        Assert.True(ex.IsRetryable);
    }

    [Fact]
    public async Task SendAsync_transport_failure_past_attempts_is_transport_error()
    {
        var handler = new RecordingHandler().Fail(new HttpRequestException("refused")).Fail(new HttpRequestException("refused"));
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => Client(handler, attempts: 2).SendAsync("ListShards", null, CancellationToken.None));
        Assert.Equal(AwsServiceException.TransportErrorCode, ex.ErrorCode);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public void Backoff_full_jitter_stays_under_exponential_ceiling()
    {
        var retry = new AwsRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            Assert.InRange(retry.Backoff(0, random).TotalMilliseconds, 0, 100);
            Assert.InRange(retry.Backoff(2, random).TotalMilliseconds, 0, 400);
            Assert.InRange(retry.Backoff(20, random).TotalMilliseconds, 0, 1000);
        }
    }

    [Fact]
    public void Constructor_invalid_retry_names_setting()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new AwsJsonClient(Remote, null, new AwsJsonClientOptions { Retry = new AwsRetryOptions { MaxAttempts = 0 } }));
        Assert.Contains("MaxAttempts", ex.Message, StringComparison.Ordinal);
    }
}

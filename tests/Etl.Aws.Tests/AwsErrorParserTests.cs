using System.Net;
using System.Text;

namespace Etl.Aws.Tests;

public sealed class AwsErrorParserTests
{
    [Theory]
    [InlineData("com.amazonaws.kinesis.v20131202#ResourceNotFoundException:http://internal.amazon.com/", "ResourceNotFoundException")]
    [InlineData("ValidationException", "ValidationException")]
    [InlineData("aws.protocoltests#FooError", "FooError")]
    [InlineData("FooError:http://x", "FooError")]
    public void Sanitize_type_strips_namespace_and_url(string raw, string expected) =>
        Assert.Equal(expected, AwsErrorParser.Sanitize(raw));

    [Fact]
    public void Parse_body_type_and_message_are_read()
    {
        var ex = AwsErrorParser.Parse("GetRecords", HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes("""{"__type":"x#ExpiredIteratorException","message":"too old"}"""), null, "req-1");
        Assert.Equal("ExpiredIteratorException", ex.ErrorCode);
        Assert.Equal("too old", ex.ServiceMessage);
        Assert.Equal("GetRecords", ex.Operation);
        Assert.Equal("req-1", ex.RequestId);
        Assert.False(ex.IsRetryable);
        Assert.Contains("GetRecords", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_capitalised_message_and_header_type_are_read()
    {
        var ex = AwsErrorParser.Parse("Op", HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes("""{"Message":"slow down"}"""), "ThrottlingException:http://x", null);
        Assert.Equal("ThrottlingException", ex.ErrorCode);
        Assert.Equal("slow down", ex.ServiceMessage);
        Assert.True(ex.IsThrottling);
        Assert.True(ex.IsRetryable);
    }

    [Theory]
    [InlineData("ProvisionedThroughputExceededException", 400, true, true)]
    [InlineData("LimitExceededException", 400, true, true)]
    [InlineData("ResourceNumberLimitExceededException", 400, false, false)]
    [InlineData("AccessDeniedException", 400, false, false)]
    [InlineData("ValidationException", 400, false, false)]
    [InlineData("InternalFailure", 500, true, false)]
    [InlineData("Whatever", 503, true, false)]
    [InlineData("Whatever", 429, true, true)]
    public void Parse_classifies_retryable_and_throttling(string code, int status, bool retryable, bool throttling)
    {
        var ex = AwsErrorParser.Parse("Op", (HttpStatusCode)status, Encoding.UTF8.GetBytes($$"""{"__type":"{{code}}"}"""), null, null);
        Assert.Equal(retryable, ex.IsRetryable);
        Assert.Equal(throttling, ex.IsThrottling);
    }

    [Fact]
    public void Parse_non_json_body_keeps_status_derived_code()
    {
        var ex = AwsErrorParser.Parse("Op", HttpStatusCode.BadGateway, Encoding.UTF8.GetBytes("<html>bad gateway</html>"), null, null);
        Assert.Equal("InternalFailure", ex.ErrorCode);
        Assert.True(ex.IsRetryable);
        Assert.Contains("bad gateway", ex.ServiceMessage, StringComparison.Ordinal);
    }
}

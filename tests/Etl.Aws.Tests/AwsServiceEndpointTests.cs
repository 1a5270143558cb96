namespace Etl.Aws.Tests;

public sealed class AwsServiceEndpointTests
{
    private static AwsEndpointSettings Env(Dictionary<string, string> vars, Uri? url = null, string? region = null) => new()
    {
        EndpointUrl = url,
        Region = region,
        EnvironmentVariable = name => vars.GetValueOrDefault(name),
        UseProfileRegion = false,
    };

    [Fact]
    public void Resolve_no_override_uses_public_regional_endpoint()
    {
        var e = AwsServiceEndpoint.Resolve("Kinesis", "kinesis", "Kinesis_20131202", Env(new() { ["AWS_REGION"] = "eu-west-1" }));
        Assert.Equal(new Uri("https://kinesis.eu-west-1.amazonaws.com/"), e.Url);
        Assert.Equal("eu-west-1", e.Region);
        Assert.Equal("Kinesis_20131202", e.TargetPrefix);
    }

    [Fact]
    public void Resolve_china_region_uses_cn_suffix()
    {
        var e = AwsServiceEndpoint.Glue(Env(new() { ["AWS_REGION"] = "cn-north-1" }));
        Assert.Equal(new Uri("https://glue.cn-north-1.amazonaws.com.cn/"), e.Url);
    }

    [Fact]
    public void Resolve_service_variable_wins_over_global_variable()
    {
        var e = AwsServiceEndpoint.Kinesis(Env(new()
        {
            ["AWS_REGION"] = "us-east-2",
            ["AWS_ENDPOINT_URL"] = "http://global:1",
            ["AWS_ENDPOINT_URL_KINESIS"] = "http://kinesis-local:2",
        }));
        Assert.Equal(new Uri("http://kinesis-local:2"), e.Url);
    }

    [Fact]
    public void Resolve_global_variable_used_when_service_variable_absent()
    {
        var e = AwsServiceEndpoint.Athena(Env(new() { ["AWS_REGION"] = "us-east-2", ["AWS_ENDPOINT_URL"] = "http://global:1", ["AWS_ENDPOINT_URL_GLUE"] = "http://glue:3" }));
        Assert.Equal(new Uri("http://global:1"), e.Url);
    }

    [Fact]
    public void Resolve_configured_url_wins_over_environment()
    {
        var e = AwsServiceEndpoint.Kinesis(Env(new() { ["AWS_REGION"] = "us-east-2", ["AWS_ENDPOINT_URL_KINESIS"] = "http://env:2" }, new Uri("http://config:9")));
        Assert.Equal(new Uri("http://config:9"), e.Url);
    }

    [Fact]
    public void Resolve_ignore_flag_disables_endpoint_variables()
    {
        var e = AwsServiceEndpoint.Kinesis(Env(new()
        {
            ["AWS_REGION"] = "us-east-2",
            ["AWS_ENDPOINT_URL_KINESIS"] = "http://env:2",
            ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "TRUE",
        }));
        Assert.Equal(new Uri("https://kinesis.us-east-2.amazonaws.com/"), e.Url);
    }

    [Theory]
    [InlineData("DynamoDB", "AWS_ENDPOINT_URL_DYNAMODB")]
    [InlineData("S3", "AWS_ENDPOINT_URL_S3")]
    [InlineData("Elastic Beanstalk", "AWS_ENDPOINT_URL_ELASTIC_BEANSTALK")]
    public void ServiceEndpointVariable_service_id_upper_snake_case(string serviceId, string expected) =>
        Assert.Equal(expected, AwsServiceEndpoint.ServiceEndpointVariable(serviceId));

    [Fact]
    public void Resolve_default_region_variable_used_after_region_variable()
    {
        Assert.Equal("ap-south-1", AwsServiceEndpoint.Kinesis(Env(new() { ["AWS_DEFAULT_REGION"] = "ap-south-1" })).Region);
        Assert.Equal("eu-central-1", AwsServiceEndpoint.Kinesis(Env(new() { ["AWS_DEFAULT_REGION"] = "ap-south-1", ["AWS_REGION"] = "eu-central-1" })).Region);
        Assert.Equal("sa-east-1", AwsServiceEndpoint.Kinesis(Env(new() { ["AWS_REGION"] = "eu-central-1" }, region: "sa-east-1")).Region);
    }

    [Fact]
    public void Resolve_no_region_for_remote_endpoint_throws_naming_settings()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => AwsServiceEndpoint.Kinesis(Env(new())));
        Assert.Contains("AWS_REGION", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_no_region_for_loopback_endpoint_defaults()
    {
        var e = AwsServiceEndpoint.Kinesis(Env(new() { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4567" }));
        Assert.True(e.IsLoopback);
        Assert.Equal("us-east-1", e.Region);
    }

    [Fact]
    public void Resolve_malformed_variable_throws_naming_variable()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => AwsServiceEndpoint.Kinesis(Env(new() { ["AWS_REGION"] = "x", ["AWS_ENDPOINT_URL_KINESIS"] = "not a url" })));
        Assert.Contains("AWS_ENDPOINT_URL_KINESIS", ex.Message, StringComparison.Ordinal);
    }
}

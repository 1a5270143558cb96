using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Compatibility.Json;

namespace Etl.SchemaGovernance.Tests.Compatibility;

public sealed class PairwiseCheckerFactoryTests
{
    [Theory]
    [InlineData("avro", "AVRO")]
    [InlineData("AVRO", "AVRO")]
    [InlineData("json", "JSON")]
    [InlineData("Json", "JSON")]
    public void Create_known_format_returns_checker_for_that_format(string format, string dataFormat)
    {
        Assert.Equal(dataFormat, PairwiseCheckerFactory.Create(format).DataFormat);
    }

    [Fact]
    public void Create_json_with_lenient_policy_carries_the_policy()
    {
        var checker = Assert.IsType<JsonSchemaPairwiseChecker>(PairwiseCheckerFactory.Create("json", JsonCompatibilityPolicy.Lenient));

        Assert.Equal(JsonCompatibilityPolicy.Lenient, checker.Policy);
    }

    [Fact]
    public void Create_unknown_format_throws()
    {
        Assert.Throws<ArgumentException>(() => PairwiseCheckerFactory.Create("protobuf"));
    }

    [Fact]
    public void Engine_with_avro_checker_reports_issue_against_the_broken_version()
    {
        const string v1 = """{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""";
        const string v2 = """{"type":"record","name":"R","fields":[{"name":"a","type":"long"}]}""";
        var engine = new CompatibilityEngine(PairwiseCheckerFactory.Create("avro"));

        // Going back to int: the new reader cannot read v2's longs, but reads v1's ints.
        var report = engine.Check(CompatibilityMode.BackwardAll, v1, [new(1, v1), new(2, v2)]);

        var issue = Assert.Single(report.Issues);
        Assert.Equal(2, issue.Version);
    }
}

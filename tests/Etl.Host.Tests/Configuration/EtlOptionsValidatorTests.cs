using Etl.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace Etl.Host.Tests.Configuration;

/// <summary>
/// The per-pipeline output, catalog, mapping and dead-letter settings, bound from configuration keys as the service
/// binds them: defaults are valid, and each wrong setting is reported with its full path.
/// </summary>
public sealed class EtlOptionsValidatorTests
{
    private static readonly (string, string)[] LocalPipeline =
    [
        ("Etl:Pipelines:0:Name", "orders"),
        ("Etl:Pipelines:0:Source:Feed", "ticker"),
    ];

    private static readonly (string, string)[] AwsPipeline =
    [
        ("Etl:Mode", "Aws"),
        ("Etl:Aws:Bucket", "lake"),
        ("Etl:Pipelines:0:Name", "orders"),
        ("Etl:Pipelines:0:Source:Type", "Kinesis"),
        ("Etl:Pipelines:0:Source:Stream", "orders"),
    ];

    internal static EtlOptions Bind(params (string Key, string Value)[] pairs)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)))
            .Build();
        var options = new EtlOptions();
        configuration.GetSection(EtlOptions.Section).Bind(options);
        return options;
    }

    private static IReadOnlyList<string> Local(params (string Key, string Value)[] pairs) => EtlOptionsValidator.Validate(Bind([.. LocalPipeline, .. pairs]));

    private static IReadOnlyList<string> Aws(params (string Key, string Value)[] pairs) => EtlOptionsValidator.Validate(Bind([.. AwsPipeline, .. pairs]));

    [Fact]
    public void Validate_pipeline_with_default_settings_has_no_problem()
    {
        var options = Bind(LocalPipeline);

        Assert.Empty(EtlOptionsValidator.Validate(options));
        Assert.Empty(Aws());
        var p = options.Pipelines[0];
        Assert.Equal("Register", p.Catalog.Partitions);
        Assert.Null(p.Catalog.ProjectionStart);
        Assert.Equal("deadletter", p.DeadLetters.Prefix);
        Assert.Empty(p.Mapping.Overrides);
        Assert.Null(p.Output.Bucket);
        Assert.Null(p.Output.Prefix);
        Assert.Null(p.Output.Folder);
    }

    [Fact]
    public void Bind_overrides_become_a_column_to_type_dictionary()
    {
        var options = Bind([.. LocalPipeline, ("Etl:Pipelines:0:Mapping:Overrides:Price", "decimal(10,2)"), ("Etl:Pipelines:0:Mapping:Overrides:ts", "timestamp")]);

        Assert.Equal("decimal(10,2)", options.Pipelines[0].Mapping.Overrides["Price"]);
        Assert.Equal("timestamp", options.Pipelines[0].Mapping.Overrides["ts"]);
    }

    [Fact]
    public void Validate_every_new_setting_with_a_good_value_has_no_problem()
    {
        Assert.Empty(Local(
            ("Etl:Pipelines:0:Mapping:Overrides:ts", "timestamp"),
            ("Etl:Pipelines:0:Mapping:Overrides:amount", "Decimal(10, 2)"),
            ("Etl:Pipelines:0:Partitioning:EventTimeField", "ts"),
            ("Etl:Pipelines:0:Output:Folder", "lake"),
            ("Etl:Pipelines:0:Catalog:Partitions", "both"),
            ("Etl:Pipelines:0:Catalog:ProjectionStart", "2026-01-01-00"),
            ("Etl:Pipelines:0:DeadLetters:Prefix", "rejects/orders-v1")));
        Assert.Empty(Aws(
            ("Etl:Pipelines:0:Output:Bucket", "other.lake-1"),
            ("Etl:Pipelines:0:Output:Prefix", "tables/"),
            ("Etl:Pipelines:0:Catalog:Partitions", "Projection"),
            ("Etl:Pipelines:0:Catalog:ProjectionStart", "2026-11-21-08")));
    }

    [Theory]
    [InlineData("Etl:Pipelines:0:Mapping:Overrides:price", "money")]
    [InlineData("Etl:Pipelines:0:Mapping:Overrides:price", "decimal(40,2)")]
    [InlineData("Etl:Pipelines:0:Mapping:Overrides:price", "float")]
    [InlineData("Etl:Pipelines:0:Output:Bucket", "lake")]
    [InlineData("Etl:Pipelines:0:Output:Prefix", "tables")]
    [InlineData("Etl:Pipelines:0:Output:Folder", "  ")]
    [InlineData("Etl:Pipelines:0:Catalog:Partitions", "Sometimes")]
    [InlineData("Etl:Pipelines:0:Catalog:Partitions", "1")]
    [InlineData("Etl:Pipelines:0:Catalog:Partitions", "Projection")]
    [InlineData("Etl:Pipelines:0:Catalog:ProjectionStart", "2026-01-01-00")]
    [InlineData("Etl:Pipelines:0:DeadLetters:Prefix", "/rejects")]
    [InlineData("Etl:Pipelines:0:DeadLetters:Prefix", "rejects/../up")]
    [InlineData("Etl:Pipelines:0:DeadLetters:Prefix", "re jects")]
    [InlineData("Etl:Pipelines:0:DeadLetters:Prefix", "rejects/")]
    [InlineData("Etl:Pipelines:0:DeadLetters:Prefix", "warehouse/rejects")]
    public void Validate_local_mode_wrong_setting_is_named(string key, string value)
    {
        var problems = Local((key, value));

        Assert.Contains(problems, p => p.StartsWith(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Etl:Pipelines:0:Output:Bucket", "Not_A_Bucket")]
    [InlineData("Etl:Pipelines:0:Output:Bucket", "ab")]
    [InlineData("Etl:Pipelines:0:Output:Prefix", "/tables")]
    [InlineData("Etl:Pipelines:0:Output:Folder", "lake")]
    [InlineData("Etl:Pipelines:0:Catalog:Partitions", "Never")]
    public void Validate_aws_mode_wrong_setting_is_named(string key, string value)
    {
        var problems = Aws((key, value));

        Assert.Contains(problems, p => p.StartsWith(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Both")]
    [InlineData("Projection")]
    public void Validate_projection_without_start_names_ProjectionStart(string partitions)
    {
        var problems = Aws(("Etl:Pipelines:0:Catalog:Partitions", partitions));

        Assert.Contains(problems, p => p.StartsWith("Etl:Pipelines:0:Catalog:ProjectionStart", StringComparison.Ordinal) && p.Contains(partitions, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-11-21")]
    [InlineData("2026-11-21T08")]
    [InlineData("2026-13-01-00")]
    [InlineData("NOW")]
    public void Validate_projection_start_that_is_no_hour_is_named(string start)
    {
        var problems = Aws(("Etl:Pipelines:0:Catalog:Partitions", "Both"), ("Etl:Pipelines:0:Catalog:ProjectionStart", start));

        Assert.Contains(problems, p => p.StartsWith("Etl:Pipelines:0:Catalog:ProjectionStart", StringComparison.Ordinal) && p.Contains(start, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_projection_with_the_folder_catalog_is_named_in_both_modes()
    {
        var local = Local(("Etl:Pipelines:0:Catalog:Partitions", "Projection"), ("Etl:Pipelines:0:Catalog:ProjectionStart", "2026-01-01-00"));
        var awsFolder = Aws(("Etl:Aws:Catalog", "Folder"), ("Etl:Pipelines:0:Catalog:Partitions", "Projection"), ("Etl:Pipelines:0:Catalog:ProjectionStart", "2026-01-01-00"));

        foreach (var problems in new[] { local, awsFolder })
        {
            var problem = Assert.Single(problems);
            Assert.StartsWith("Etl:Pipelines:0:Catalog:Partitions 'Projection' needs the Glue catalog", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_projection_needs_the_dt_layout()
    {
        var problems = Aws(
            ("Etl:Pipelines:0:Partitioning:Layout", "YearMonthDayHour"),
            ("Etl:Pipelines:0:Catalog:Partitions", "Both"),
            ("Etl:Pipelines:0:Catalog:ProjectionStart", "2026-01-01-00"));

        var problem = Assert.Single(problems);
        Assert.StartsWith("Etl:Pipelines:0:Catalog:Partitions 'Both' needs Partitioning:Layout 'Dt'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_override_that_makes_the_event_time_no_timestamp_is_named()
    {
        var problems = Local(("Etl:Pipelines:0:Partitioning:EventTimeField", "ts"), ("Etl:Pipelines:0:Mapping:Overrides:TS", "date"));

        var problem = Assert.Single(problems);
        Assert.StartsWith("Etl:Pipelines:0:Mapping:Overrides:TS makes the event-time column a date", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_two_overrides_of_one_column_are_named()
    {
        // Configuration keys ignore case, so only options built in code can hold both.
        var options = Bind(LocalPipeline);
        options.Pipelines[0].Mapping.Overrides = new() { ["Ts"] = "timestamp", ["tS"] = "date" };

        var problems = EtlOptionsValidator.Validate(options);

        Assert.Contains(problems, p => p.Contains("Etl:Pipelines:0:Mapping:Overrides:Ts", StringComparison.Ordinal) && p.Contains("Mapping:Overrides:tS", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_pipelines_writing_one_table_to_two_folders_are_named()
    {
        var problems = Local(
            ("Etl:Pipelines:0:Catalog:Table", "orders"),
            ("Etl:Pipelines:1:Name", "orders-replica"),
            ("Etl:Pipelines:1:Source:Feed", "ticker"),
            ("Etl:Pipelines:1:Catalog:Table", "orders"),
            ("Etl:Pipelines:1:Output:Folder", "elsewhere"));

        var problem = Assert.Single(problems);
        Assert.StartsWith("Etl:Pipelines:1:Output writes table etl_demo.orders to ", problem, StringComparison.Ordinal);
        Assert.Contains("but Etl:Pipelines:0 writes it to", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_pipelines_writing_one_table_with_different_partition_visibility_are_named()
    {
        var problems = Aws(
            ("Etl:Pipelines:0:Catalog:Table", "orders"),
            ("Etl:Pipelines:1:Name", "orders-replica"),
            ("Etl:Pipelines:1:Source:Type", "Kinesis"),
            ("Etl:Pipelines:1:Source:Stream", "orders-2"),
            ("Etl:Pipelines:1:Catalog:Table", "orders"),
            ("Etl:Pipelines:1:Catalog:Partitions", "Both"),
            ("Etl:Pipelines:1:Catalog:ProjectionStart", "2026-01-01-00"));

        var problem = Assert.Single(problems);
        Assert.StartsWith("Etl:Pipelines:1:Catalog:Partitions of table etl_demo.orders must match Etl:Pipelines:0", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputLocation_defaults_to_the_shared_bucket_and_prefix_or_data_root()
    {
        var aws = Bind([.. AwsPipeline, ("Etl:Aws:Prefix", "/team/"), ("Etl:Pipelines:1:Name", "b"), ("Etl:Pipelines:1:Output:Prefix", "other")]);
        var local = Bind([.. LocalPipeline, ("Etl:DataRoot", "root"), ("Etl:Pipelines:1:Name", "b"), ("Etl:Pipelines:1:Output:Folder", "lake")]);

        Assert.Equal("s3://lake/team/", EtlOptionsValidator.OutputLocation(aws, aws.Pipelines[0]));
        Assert.Equal("s3://lake/other/", EtlOptionsValidator.OutputLocation(aws, aws.Pipelines[1]));
        Assert.Equal(Path.GetFullPath("root"), EtlOptionsValidator.OutputLocation(local, local.Pipelines[0]));
        Assert.Equal(Path.GetFullPath("lake"), EtlOptionsValidator.OutputLocation(local, local.Pipelines[1]));
    }
}

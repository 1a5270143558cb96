using Etl.Catalog.Glue;
using Etl.Core.Columns;
using Etl.Core.Contracts;
using Etl.Host.Operations;
using Etl.Host.Pipelines;
using Etl.Host.Tests.Configuration;
using Etl.Host.Tests.Support;

namespace Etl.Host.Tests.Pipelines;

/// <summary><c>Catalog:Partitions</c> as the Glue catalog's per-table settings, checked against the Glue contract server.</summary>
public sealed class PipelineCatalogSettingsTests : IAsyncLifetime
{
    private ContractGlue? _glue;

    private static readonly (string, string)[] TwoPipelines =
    [
        ("Etl:Mode", "Aws"),
        ("Etl:Aws:Bucket", "lake"),
        ("Etl:Pipelines:0:Name", "orders"),
        ("Etl:Pipelines:0:Catalog:Database", "shop"),
        ("Etl:Pipelines:1:Name", "clicks"),
        ("Etl:Pipelines:1:Catalog:Database", "shop"),
    ];

    public async Task InitializeAsync() => _glue = await ContractGlue.StartAsync();

    public async Task DisposeAsync()
    {
        if (_glue is not null)
        {
            await _glue.DisposeAsync();
        }
    }

    private GlueClient Glue() => _glue!.Client();

    [Fact]
    public void Glue_registering_pipelines_need_no_table_settings()
    {
        var options = EtlOptionsValidatorTests.Bind([.. TwoPipelines, ("Etl:Pipelines:1:Catalog:Partitions", "Register")]);

        var glue = PipelineCatalogSettings.Glue(options);

        Assert.Empty(glue.Tables);
        Assert.Equal(PartitionRegistration.Register, glue.For("shop", "orders").Registration);
    }

    [Theory]
    [InlineData("Projection", PartitionRegistration.Projection)]
    [InlineData("both", PartitionRegistration.Both)]
    public void Glue_projected_pipeline_gets_an_hourly_date_projection_from_its_start(string partitions, PartitionRegistration registration)
    {
        var options = EtlOptionsValidatorTests.Bind([
            .. TwoPipelines,
            ("Etl:Pipelines:1:Catalog:Partitions", partitions),
            ("Etl:Pipelines:1:Catalog:ProjectionStart", "2026-01-01-00")]);

        var glue = PipelineCatalogSettings.Glue(options);

        var settings = Assert.Single(glue.Tables);
        Assert.Equal("shop.clicks", settings.Key);
        Assert.Equal(registration, settings.Value.Registration);
        Assert.Equal(new DateProjection("yyyy-MM-dd-HH", "2026-01-01-00,NOW"), settings.Value.Projection);
        Assert.Equal(PartitionRegistration.Register, glue.For("shop", "orders").Registration);
    }

    [Theory]
    [InlineData("UTC", "NOW")]
    [InlineData("Etc/GMT+5", "NOW")]
    [InlineData("America/New_York", "NOW")]
    [InlineData("Etc/GMT-9", "NOW+9HOURS")]
    [InlineData("Etc/GMT-14", "NOW+14HOURS")]
    public void RangeEnd_reaches_the_current_hour_of_zones_ahead_of_utc(string zone, string end)
    {
        Assert.Equal(end, PipelineCatalogSettings.RangeEnd(TimeZoneInfo.FindSystemTimeZoneById(zone)));
    }

    [Fact]
    public async Task GlueCatalog_with_projection_settings_projects_and_registers_nothing()
    {
        var options = EtlOptionsValidatorTests.Bind([
            .. TwoPipelines,
            ("Etl:Pipelines:0:Catalog:Partitions", "Projection"),
            ("Etl:Pipelines:0:Catalog:ProjectionStart", "2026-11-21-00"),
            ("Etl:Pipelines:0:Partitioning:TimeZone", "Etc/GMT-2")]);
        var catalog = new GlueCatalog(Glue(), PipelineCatalogSettings.Glue(options));
        var columns = new TableSchema([new ColumnField("id", ColumnType.Int64)]);

        await catalog.EnsureTableAsync(new TableDefinition("shop", "orders", columns, ["dt"], "s3://lake/warehouse/shop/orders/", new Dictionary<string, string>()), CancellationToken.None);
        await catalog.EnsureTableAsync(new TableDefinition("shop", "clicks", columns, ["dt"], "s3://lake/warehouse/shop/clicks/", new Dictionary<string, string>()), CancellationToken.None);
        foreach (var table in new[] { "orders", "clicks" })
        {
            await catalog.AddPartitionsAsync("shop", table,
                [new PartitionDefinition(["2026-11-21-08"], $"s3://lake/warehouse/shop/{table}/dt=2026-11-21-08/", new Dictionary<string, string>())],
                CancellationToken.None);
        }

        var orders = (await catalog.GetTableAsync("shop", "orders", CancellationToken.None))!.Parameters;
        var clicks = (await catalog.GetTableAsync("shop", "clicks", CancellationToken.None))!.Parameters;
        Assert.Equal("true", orders["projection.enabled"]);
        Assert.Equal("2026-11-21-00,NOW+2HOURS", orders["projection.dt.range"]);
        Assert.Equal("yyyy-MM-dd-HH", orders["projection.dt.format"]);
        Assert.Equal("s3://lake/warehouse/shop/orders/dt=${dt}/", orders["storage.location.template"]);
        Assert.False(clicks.ContainsKey("projection.enabled"));
        var partitions = new GlueCatalogPartitions(Glue());
        Assert.Empty(await partitions.ListAsync("shop", "orders", CancellationToken.None));
        Assert.Equal(["2026-11-21-08"], await partitions.ListAsync("shop", "clicks", CancellationToken.None));
    }
}

using System.Text.Json.Nodes;
using Etl.SchemaGovernance.Registry;
using Etl.SchemaGovernance.Registry.Glue;

namespace Etl.SchemaGovernance.Tests.Registry.Glue;

public sealed class GlueWireTests
{
    [Theory]
    [InlineData("arn:aws:glue:us-east-1:000000000000:schema/sales/orders", "sales", "orders")]
    [InlineData("arn:aws-cn:glue:cn-north-1:123:schema/default-registry/a.b$c", "default-registry", "a.b$c")]
    public void SchemaFromArn_reads_registry_and_schema(string arn, string registry, string schema)
    {
        Assert.Equal(new SchemaId(registry, schema), GlueWire.SchemaFromArn(arn));
    }

    [Theory]
    [InlineData("arn:aws:glue:us-east-1:0:registry/sales")]
    [InlineData("arn:aws:glue:us-east-1:0:schema/sales")]
    [InlineData("arn:aws:glue:us-east-1:0:schema/sales/")]
    public void SchemaFromArn_without_both_names_is_invalid_data(string arn)
    {
        Assert.Throws<InvalidDataException>(() => GlueWire.SchemaFromArn(arn));
    }

    [Fact]
    public void Time_reads_iso_strings_and_epoch_seconds()
    {
        var expected = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 500, TimeSpan.Zero);
        var node = new JsonObject { ["Iso"] = "2026-01-02T03:04:05.500Z", ["Epoch"] = expected.ToUnixTimeMilliseconds() / 1000.0 };

        Assert.Equal((expected, expected), (GlueWire.Time(node, "Iso"), GlueWire.Time(node, "Epoch")));
        Assert.Equal(default, GlueWire.Time(node, "Missing"));
    }

    [Fact]
    public void Status_unknown_value_is_invalid_data()
    {
        Assert.Equal(SchemaVersionStatus.Deleting, GlueWire.Status("DELETING"));
        Assert.Throws<InvalidDataException>(() => GlueWire.Status("ARCHIVED"));
    }

    [Fact]
    public void AddressVersion_latest_sends_schema_id_and_latest_flag()
    {
        var request = GlueWire.AddressVersion(new JsonObject(), SchemaVersionReference.Latest(new SchemaId("sales", "orders")));

        Assert.Equal("""{"SchemaId":{"RegistryName":"sales","SchemaName":"orders"},"SchemaVersionNumber":{"LatestVersion":true}}""", request.ToJsonString());
    }
}

using Etl.Catalog.Evolution;
using Etl.Core.Columns;
using static Etl.Catalog.Tests.Some;

namespace Etl.Catalog.Tests.Evolution;

public sealed class TableEvolutionTests
{
    [Fact]
    public void Evolve_same_schema_has_no_changes()
    {
        var result = TableEvolution.Evolve(EventsV1(), EventsV1());

        Assert.True(result.IsCompatible);
        Assert.False(result.HasChanges);
        Assert.Equal(EventsV1(), result.Schema);
    }

    [Fact]
    public void Evolve_new_column_is_appended_at_the_end()
    {
        var incoming = Schema(Col("country", ColumnType.String), Col("event_id", ColumnType.String), Col("amount", ColumnType.Int32));

        var result = TableEvolution.Evolve(EventsV1(), incoming);

        Assert.True(result.IsCompatible);
        Assert.Equal(["event_id", "amount", "ts", "country"], result.Schema!.Columns.Select(c => c.Name));
        var change = Assert.Single(result.Changes);
        Assert.Equal(ColumnChangeKind.Added, change.Kind);
        Assert.Equal("country", change.Path);
        Assert.Equal("added column country string", change.Describe());
        Assert.Equal("files written before the change read country as NULL", change.AthenaImpact());
    }

    [Fact]
    public void Evolve_column_missing_from_incoming_is_kept()
    {
        var result = TableEvolution.Evolve(EventsV1(), Schema(Col("event_id", ColumnType.String)));

        Assert.True(result.IsCompatible);
        Assert.Equal(EventsV1(), result.Schema);
        Assert.Empty(result.Changes);
    }

    [Theory]
    [InlineData(ColumnKind.Int32, ColumnKind.Int64, "bigint")]
    [InlineData(ColumnKind.Float, ColumnKind.Double, "double")]
    public void Evolve_widening_changes_the_type(ColumnKind from, ColumnKind to, string hive)
    {
        var result = TableEvolution.Evolve(Schema(Col("v", Of(from))), Schema(Col("v", Of(to))));

        Assert.True(result.IsCompatible);
        Assert.Equal(hive, result.Schema!.Columns[0].Type.ToHiveType());
        var change = Assert.Single(result.Changes);
        Assert.Equal(ColumnChangeKind.Widened, change.Kind);
        Assert.Equal(Of(from), change.From);
        Assert.Contains($"read as {hive}", change.AthenaImpact(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evolve_narrower_incoming_type_keeps_the_wider_table_type()
    {
        var result = TableEvolution.Evolve(Schema(Col("v", ColumnType.Int64)), Schema(Col("v", ColumnType.Int32)));

        Assert.True(result.IsCompatible);
        Assert.Equal(ColumnType.Int64, result.Schema!.Columns[0].Type);
        Assert.Empty(result.Changes);
    }

    [Theory]
    [InlineData(ColumnKind.Int32, ColumnKind.String)]
    [InlineData(ColumnKind.Int64, ColumnKind.Double)]
    [InlineData(ColumnKind.String, ColumnKind.Int64)]
    [InlineData(ColumnKind.Timestamp, ColumnKind.Int64)]
    [InlineData(ColumnKind.Float, ColumnKind.Int32)]
    public void Evolve_type_family_change_is_a_conflict_naming_the_column(ColumnKind from, ColumnKind to)
    {
        var result = TableEvolution.Evolve(Schema(Col("amount", Of(from))), Schema(Col("amount", Of(to))));

        Assert.False(result.IsCompatible);
        Assert.Null(result.Schema);
        var reason = Assert.Single(result.Conflicts);
        Assert.StartsWith("amount: ", reason, StringComparison.Ordinal);
        Assert.Contains("cannot change to " + Of(to).ToHiveType(), reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evolve_decimal_scale_change_is_a_conflict()
    {
        var result = TableEvolution.Evolve(Schema(Col("p", ColumnType.DecimalOf(10, 2))), Schema(Col("p", ColumnType.DecimalOf(10, 3))));

        Assert.Contains("decimal(10,2) cannot change to decimal(10,3)", Assert.Single(result.Conflicts), StringComparison.Ordinal);
    }

    [Fact]
    public void Evolve_new_struct_field_is_appended_at_the_end_of_the_struct()
    {
        var v1 = Schema(Col("device", ColumnType.StructOf([Col("os", ColumnType.String), Col("model", ColumnType.String)])));
        var v2 = Schema(Col("device", ColumnType.StructOf([Col("screen", ColumnType.Int32), Col("os", ColumnType.String)])));

        var result = TableEvolution.Evolve(v1, v2);

        Assert.True(result.IsCompatible);
        Assert.Equal("struct<os:string,model:string,screen:int>", result.Schema!.Columns[0].Type.ToHiveType());
        var change = Assert.Single(result.Changes);
        Assert.Equal(ColumnChangeKind.StructFieldAdded, change.Kind);
        Assert.Equal("device.screen", change.Path);
    }

    [Fact]
    public void Evolve_nested_widening_in_list_of_struct_is_reported_with_its_path()
    {
        var v1 = Schema(Col("items", ColumnType.ListOf(ColumnType.StructOf([Col("qty", ColumnType.Int32)]))));
        var v2 = Schema(Col("items", ColumnType.ListOf(ColumnType.StructOf([Col("qty", ColumnType.Int64)]))));

        var result = TableEvolution.Evolve(v1, v2);

        Assert.Equal("array<struct<qty:bigint>>", result.Schema!.Columns[0].Type.ToHiveType());
        Assert.Equal("items[].qty", Assert.Single(result.Changes).Path);
    }

    [Fact]
    public void Evolve_map_key_change_is_a_conflict_and_value_widening_is_not()
    {
        var v1 = Schema(Col("m", ColumnType.MapOf(ColumnType.String, ColumnType.Float)));

        var widened = TableEvolution.Evolve(v1, Schema(Col("m", ColumnType.MapOf(ColumnType.String, ColumnType.Double))));
        var rekeyed = TableEvolution.Evolve(v1, Schema(Col("m", ColumnType.MapOf(ColumnType.Int32, ColumnType.Float))));

        Assert.Equal("map<string,double>", widened.Schema!.Columns[0].Type.ToHiveType());
        Assert.Contains("map key type string cannot change to int", Assert.Single(rekeyed.Conflicts), StringComparison.Ordinal);
    }

    [Fact]
    public void Evolve_struct_field_type_change_is_a_conflict_with_dotted_path()
    {
        var v1 = Schema(Col("device", ColumnType.StructOf([Col("os", ColumnType.String)])));
        var v2 = Schema(Col("device", ColumnType.StructOf([Col("os", ColumnType.Int32)])));

        Assert.StartsWith("device.os: string cannot change to int", Assert.Single(TableEvolution.Evolve(v1, v2).Conflicts), StringComparison.Ordinal);
    }

    [Fact]
    public void Evolve_name_differing_only_by_case_is_a_conflict()
    {
        var result = TableEvolution.Evolve(EventsV1(), Schema(Col("Amount", ColumnType.Int32)));

        Assert.Contains("only by case", Assert.Single(result.Conflicts), StringComparison.Ordinal);
    }

    [Fact]
    public void Evolve_reports_every_conflict()
    {
        var incoming = Schema(Col("event_id", ColumnType.Int64), Col("amount", ColumnType.String));

        Assert.Equal(2, TableEvolution.Evolve(EventsV1(), incoming).Conflicts.Count);
    }

    [Fact]
    public void Evolve_ignores_nullability()
    {
        var result = TableEvolution.Evolve(Schema(new ColumnField("a", ColumnType.Int32, Nullable: true)), Schema(new ColumnField("a", ColumnType.Int32, Nullable: false)));

        Assert.True(result.IsCompatible);
        Assert.Empty(result.Changes);
    }

    private static ColumnType Of(ColumnKind kind) => kind switch
    {
        ColumnKind.Int32 => ColumnType.Int32,
        ColumnKind.Int64 => ColumnType.Int64,
        ColumnKind.Float => ColumnType.Float,
        ColumnKind.Double => ColumnType.Double,
        ColumnKind.String => ColumnType.String,
        ColumnKind.Timestamp => ColumnType.Timestamp,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

using Etl.Core.Columns;

namespace Etl.Core.Tests.Columns;

public sealed class ColumnTypeTests
{
    [Fact]
    public void ToHiveType_nestedTypes_spellsAthenaDdl()
    {
        var type = ColumnType.StructOf([
            new ColumnField("id", ColumnType.Int64),
            new ColumnField("amount", ColumnType.DecimalOf(12, 2)),
            new ColumnField("tags", ColumnType.ListOf(ColumnType.String)),
            new ColumnField("attrs", ColumnType.MapOf(ColumnType.String, ColumnType.Double)),
            new ColumnField("at", ColumnType.Timestamp),
        ]);

        Assert.Equal("struct<id:bigint,amount:decimal(12,2),tags:array<string>,attrs:map<string,double>,at:timestamp>", type.ToHiveType());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(39, 2)]
    [InlineData(10, 11)]
    [InlineData(10, -1)]
    public void DecimalOf_outOfRange_throwsNamingTheArgument(int precision, int scale)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ColumnType.DecimalOf(precision, scale));
        Assert.Contains(precision is < 1 or > 38 ? "precision" : "scale", e.ParamName, StringComparison.Ordinal);
    }

    [Fact]
    public void Equals_structurallyEqualTypes_areEqualAndDifferentOnesAreNot()
    {
        var a = ColumnType.ListOf(ColumnType.StructOf([new ColumnField("x", ColumnType.Int32)]));
        var b = ColumnType.ListOf(ColumnType.StructOf([new ColumnField("x", ColumnType.Int32)]));
        var c = ColumnType.ListOf(ColumnType.StructOf([new ColumnField("x", ColumnType.Int64)]));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(new TableSchema([new ColumnField("l", a)]), new TableSchema([new ColumnField("l", b)]));
    }

    [Fact]
    public void IndexOf_knownAndUnknownNames_findsOrdinally()
    {
        var schema = new TableSchema([new ColumnField("a", ColumnType.Int32), new ColumnField("b", ColumnType.String)]);

        Assert.Equal(1, schema.IndexOf("b"));
        Assert.Equal(-1, schema.IndexOf("B"));
    }
}

using Etl.Catalog.Shape;
using Etl.Core.Columns;

namespace Etl.Catalog.Tests.Shape;

public sealed class HiveTypeParserTests
{
    [Theory]
    [InlineData("boolean")]
    [InlineData("int")]
    [InlineData("bigint")]
    [InlineData("float")]
    [InlineData("double")]
    [InlineData("decimal(38,9)")]
    [InlineData("string")]
    [InlineData("binary")]
    [InlineData("date")]
    [InlineData("timestamp")]
    [InlineData("array<string>")]
    [InlineData("map<string,array<bigint>>")]
    [InlineData("struct<a:int,b:struct<c:array<map<string,double>>>,d:decimal(10,2)>")]
    public void Parse_round_trips_what_ToHiveType_writes(string hive)
    {
        Assert.Equal(hive, HiveTypeParser.Parse(hive).ToHiveType());
    }

    [Fact]
    public void Parse_accepts_upper_case_and_spaces()
    {
        Assert.Equal(ColumnType.StructOf([new ColumnField("a", ColumnType.Int64)]), HiveTypeParser.Parse("STRUCT< a : BIGINT >"));
    }

    [Theory]
    [InlineData("varchar(10)")]
    [InlineData("tinyint")]
    [InlineData("array<int")]
    [InlineData("int int")]
    [InlineData("struct<:int>")]
    [InlineData("")]
    public void Parse_unsupported_or_malformed_type_throws(string hive)
    {
        Assert.Throws<FormatException>(() => HiveTypeParser.Parse(hive));
    }
}

using Etl.Core.Columns;
using Etl.SchemaGovernance.Mapping;

namespace Etl.SchemaGovernance.Tests.Mapping;

public sealed class ColumnOverridesTests
{
    private static readonly TableSchema Orders = new([
        new ColumnField("id", ColumnType.Int64, Nullable: false),
        new ColumnField("ts", ColumnType.String),
        new ColumnField("amount", ColumnType.Double),
        new ColumnField("flag", ColumnType.Boolean),
    ]);

    private static ColumnOverrides Overrides(params (string Column, string Type)[] entries) =>
        ColumnOverrides.Parse(entries.Select(e => KeyValuePair.Create(e.Column, e.Type)));

    [Theory]
    [InlineData("timestamp", "timestamp")]
    [InlineData("DATE", "date")]
    [InlineData(" decimal(10, 2) ", "decimal(10,2)")]
    [InlineData("decimal(38,0)", "decimal(38,0)")]
    [InlineData("int", "int")]
    [InlineData("Integer", "int")]
    [InlineData("bigint", "bigint")]
    [InlineData("double", "double")]
    [InlineData("string", "string")]
    public void TryParseTarget_supported_text_gives_type(string text, string hive)
    {
        Assert.True(ColumnOverrides.TryParseTarget(text, out var type));
        Assert.Equal(hive, type.ToHiveType());
    }

    [Theory]
    [InlineData("varchar(10)")]
    [InlineData("decimal(39,2)")]
    [InlineData("decimal(5,6)")]
    [InlineData("decimal(0,0)")]
    [InlineData("decimal(10)")]
    [InlineData("decimal(-1,0)")]
    [InlineData("float")]
    [InlineData("boolean")]
    [InlineData("map<string,string>")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseTarget_other_text_is_rejected(string? text)
    {
        Assert.False(ColumnOverrides.TryParseTarget(text, out _));
    }

    [Fact]
    public void Parse_unknown_target_fails_naming_column_and_text()
    {
        var error = Assert.Throws<FormatException>(() => Overrides(("Price", "money")));

        Assert.Contains("'price'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'money'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_names_equal_after_lowercasing_fail_naming_both()
    {
        var error = Assert.Throws<FormatException>(() => Overrides(("Ts", "timestamp"), ("ts", "date")));

        Assert.Contains("'Ts'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ts'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_lowercases_column_names_and_keeps_order()
    {
        var overrides = Overrides(("TS", "timestamp"), ("Amount", "decimal(10,2)"));

        Assert.Equal(["ts", "amount"], overrides.Entries.Select(e => e.Column));
        Assert.Equal(ColumnType.DecimalOf(10, 2), overrides.Entries[1].Target);
    }

    public static TheoryData<ColumnType, ColumnType> Supported => new()
    {
        { ColumnType.String, ColumnType.Timestamp },
        { ColumnType.Int64, ColumnType.Timestamp },
        { ColumnType.String, ColumnType.Date },
        { ColumnType.Int64, ColumnType.DecimalOf(10, 2) },
        { ColumnType.Double, ColumnType.DecimalOf(10, 2) },
        { ColumnType.String, ColumnType.DecimalOf(38, 10) },
        { ColumnType.Int64, ColumnType.Int32 },
        { ColumnType.Int32, ColumnType.Int64 },
        { ColumnType.Float, ColumnType.Double },
        { ColumnType.Boolean, ColumnType.String },
        { ColumnType.Timestamp, ColumnType.String },
        { ColumnType.Binary, ColumnType.String },
        { ColumnType.StructOf([new ColumnField("a", ColumnType.Int64)]), ColumnType.String },
        { ColumnType.ListOf(ColumnType.Double), ColumnType.String },
        { ColumnType.MapOf(ColumnType.String, ColumnType.Int64), ColumnType.String },
        { ColumnType.Timestamp, ColumnType.Timestamp },
        { ColumnType.DecimalOf(10, 2), ColumnType.DecimalOf(10, 2) },
    };

    [Theory]
    [MemberData(nameof(Supported))]
    public void CanConvert_listed_conversion_is_supported(ColumnType from, ColumnType to)
    {
        Assert.True(ColumnOverrides.CanConvert(from, to));
    }

    public static TheoryData<ColumnType, ColumnType> Unsupported => new()
    {
        { ColumnType.String, ColumnType.Int32 },
        { ColumnType.String, ColumnType.Int64 },
        { ColumnType.Double, ColumnType.Int64 },
        { ColumnType.Int64, ColumnType.Double },
        { ColumnType.Double, ColumnType.Float },
        { ColumnType.Timestamp, ColumnType.Date },
        { ColumnType.Int64, ColumnType.Date },
        { ColumnType.Double, ColumnType.Timestamp },
        { ColumnType.Boolean, ColumnType.Timestamp },
        { ColumnType.DecimalOf(10, 2), ColumnType.DecimalOf(12, 2) },
        { ColumnType.Int32, ColumnType.DecimalOf(10, 2) },
        { ColumnType.ListOf(ColumnType.String), ColumnType.Timestamp },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void CanConvert_other_conversion_is_not_supported(ColumnType from, ColumnType to)
    {
        Assert.False(ColumnOverrides.CanConvert(from, to));
    }

    [Fact]
    public void TryPlan_changes_only_the_overridden_columns_and_keeps_nullability()
    {
        var overrides = Overrides(("ts", "timestamp"), ("id", "string"));

        Assert.True(overrides.TryPlan(Orders, requireColumns: true, out var plan, out var problems));

        Assert.Empty(problems);
        Assert.Same(Orders, plan.Source);
        Assert.Equal(
            ["id:string:False", "ts:timestamp:True", "amount:double:True", "flag:boolean:True"],
            plan.Target.Columns.Select(c => $"{c.Name}:{c.Type.ToHiveType()}:{c.Nullable}"));
        Assert.False(plan.IsIdentity);
    }

    [Fact]
    public void TryPlan_unsupported_conversion_names_column_and_both_types()
    {
        var overrides = Overrides(("amount", "bigint"), ("flag", "date"));

        Assert.False(overrides.TryPlan(Orders, requireColumns: true, out var plan, out var problems));

        Assert.Null(plan);
        Assert.Equal(["amount", "flag"], problems.Select(p => p.Column));
        Assert.Contains("'amount' is double", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("double to bigint is not supported", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("boolean to date", problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryPlan_missing_column_is_a_problem_only_when_columns_are_required()
    {
        var overrides = Overrides(("gone", "timestamp"), ("ts", "timestamp"));

        Assert.False(overrides.TryPlan(Orders, requireColumns: true, out _, out var problems));
        Assert.True(overrides.TryPlan(Orders, requireColumns: false, out var plan, out _));

        Assert.Equal("gone", Assert.Single(problems).Column);
        Assert.Contains("no top-level column 'gone'", problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(ColumnType.Timestamp, plan.Target.Columns[1].Type);
    }

    [Fact]
    public void TryPlan_override_to_the_columns_own_type_is_identity()
    {
        var overrides = Overrides(("amount", "double"));

        Assert.True(overrides.TryPlan(Orders, requireColumns: true, out var plan, out _));

        Assert.True(plan.IsIdentity);
        Assert.Same(Orders, plan.Target);
    }
}

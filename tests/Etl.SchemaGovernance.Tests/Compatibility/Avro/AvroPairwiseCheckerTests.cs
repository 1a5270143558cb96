using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Compatibility.Avro;
using Xunit;

namespace Etl.SchemaGovernance.Tests.Compatibility.Avro;

/// <summary>Reader/writer compatibility rules, written from the specification's schema resolution section.</summary>
public sealed class AvroPairwiseCheckerTests
{
    private readonly AvroPairwiseChecker _checker = new();

    private static string Rec(string name, string fields, string extra = "") =>
        $$"""{"type":"record","name":"{{name}}"{{extra}},"fields":[{{fields}}]}""";

    [Fact]
    public void DataFormat_isAvro()
    {
        Assert.Equal("AVRO", _checker.DataFormat);
    }

    [Theory]
    [InlineData("\"int\"", "\"int\"")]
    [InlineData("\"long\"", "\"int\"")]
    [InlineData("\"float\"", "\"int\"")]
    [InlineData("\"double\"", "\"int\"")]
    [InlineData("\"float\"", "\"long\"")]
    [InlineData("\"double\"", "\"long\"")]
    [InlineData("\"double\"", "\"float\"")]
    [InlineData("\"bytes\"", "\"string\"")]
    [InlineData("\"string\"", "\"bytes\"")]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}", "\"long\"")]
    public void CheckCanRead_sameTypeOrPromotion_isCompatible(string reader, string writer)
    {
        Assert.Empty(_checker.CheckCanRead(reader, writer));
    }

    [Theory]
    [InlineData("\"int\"", "\"long\"", "int", "long")]
    [InlineData("\"float\"", "\"double\"", "float", "double")]
    [InlineData("\"long\"", "\"float\"", "long", "float")]
    [InlineData("\"string\"", "\"int\"", "string", "int")]
    [InlineData("\"boolean\"", "\"null\"", "boolean", "null")]
    [InlineData("{\"type\":\"array\",\"items\":\"int\"}", "{\"type\":\"map\",\"values\":\"int\"}", "array", "map")]
    public void CheckCanRead_otherTypes_reportTypeMismatch(string reader, string writer, string readerName, string writerName)
    {
        var issue = Assert.Single(_checker.CheckCanRead(reader, writer));

        Assert.Equal(new PairIssue("/", "TYPE_MISMATCH", $"reader type: {readerName} not compatible with writer type: {writerName}"), issue);
    }

    [Fact]
    public void CheckCanRead_readerFieldWithoutDefaultMissingInWriter_reportsField()
    {
        var issue = Assert.Single(_checker.CheckCanRead(
            Rec("R", """{"name":"a","type":"int"},{"name":"b","type":"string"}"""),
            Rec("R", """{"name":"a","type":"int"}""")));

        Assert.Equal(new PairIssue("/fields/1", "READER_FIELD_MISSING_DEFAULT_VALUE", "b"), issue);
    }

    [Fact]
    public void CheckCanRead_readerFieldWithDefaultOrAliasOrWriterOnlyField_isCompatible()
    {
        Assert.Empty(_checker.CheckCanRead(
            Rec("R", """{"name":"a","type":"int"},{"name":"b","type":"string","default":"x"},{"name":"renamed","type":"long","aliases":["old"]}"""),
            Rec("R", """{"name":"old","type":"int"},{"name":"a","type":"int"},{"name":"writerOnly","type":"bytes"}""")));
    }

    [Fact]
    public void CheckCanRead_fieldTypeMismatch_reportsPathToFieldType()
    {
        var issue = Assert.Single(_checker.CheckCanRead(
            Rec("R", """{"name":"a","type":"int"},{"name":"b","type":{"type":"array","items":"int"}}"""),
            Rec("R", """{"name":"a","type":"int"},{"name":"b","type":{"type":"array","items":"string"}}""")));

        Assert.Equal("/fields/1/type/items", issue.Path);
        Assert.Equal("TYPE_MISMATCH", issue.Kind);
    }

    [Fact]
    public void CheckCanRead_recordNamesDiffer_reportsNameMismatchWithWriterFullName()
    {
        var issue = Assert.Single(_checker.CheckCanRead(Rec("New", string.Empty), Rec("Old", string.Empty, ",\"namespace\":\"w\"")));

        Assert.Equal(new PairIssue("/name", "NAME_MISMATCH", "expected: w.Old"), issue);
    }

    [Fact]
    public void CheckCanRead_sameUnqualifiedNameOtherNamespace_isCompatible()
    {
        Assert.Empty(_checker.CheckCanRead(Rec("R", string.Empty, ",\"namespace\":\"a\""), Rec("R", string.Empty, ",\"namespace\":\"b\"")));
    }

    [Fact]
    public void CheckCanRead_readerAliasOfWriterFullName_isCompatible()
    {
        Assert.Empty(_checker.CheckCanRead(Rec("New", string.Empty, ",\"aliases\":[\"w.Old\"]"), Rec("Old", string.Empty, ",\"namespace\":\"w\"")));
    }

    [Fact]
    public void CheckCanRead_topLevelNameIgnoredWhenConfigured_isCompatible()
    {
        var lenient = new AvroPairwiseChecker(checkTopLevelName: false);

        Assert.Empty(lenient.CheckCanRead(Rec("backward2", """{"name":"f1","type":"int"}"""), Rec("backward1", """{"name":"f1","type":"int"}""")));
        Assert.Single(lenient.CheckCanRead(
            Rec("A", """{"name":"f","type":{"type":"enum","name":"X","symbols":["a"]}}"""),
            Rec("A", """{"name":"f","type":{"type":"enum","name":"Y","symbols":["a"]}}""")));
    }

    [Fact]
    public void CheckCanRead_enumLackingWriterSymbols_reportsSortedMissingSymbols()
    {
        var issue = Assert.Single(_checker.CheckCanRead(
            """{"type":"enum","name":"E","symbols":["A"]}""",
            """{"type":"enum","name":"E","symbols":["C","A","B"]}"""));

        Assert.Equal(new PairIssue("/symbols", "MISSING_ENUM_SYMBOLS", "[B, C]"), issue);
    }

    [Fact]
    public void CheckCanRead_enumLackingSymbolsWithReaderDefault_isCompatible()
    {
        Assert.Empty(_checker.CheckCanRead(
            """{"type":"enum","name":"E","symbols":["A","U"],"default":"U"}""",
            """{"type":"enum","name":"E","symbols":["C","A","B"]}"""));
    }

    [Fact]
    public void CheckCanRead_fixedSizesDiffer_reportsSizeMismatch()
    {
        var issue = Assert.Single(_checker.CheckCanRead(
            """{"type":"fixed","name":"F","size":8}""",
            """{"type":"fixed","name":"F","size":4}"""));

        Assert.Equal(new PairIssue("/size", "FIXED_SIZE_MISMATCH", "expected: 4, found: 8"), issue);
    }

    [Fact]
    public void CheckCanRead_writerUnionBranchMissingInReaderUnion_reportsMissingBranch()
    {
        var issue = Assert.Single(_checker.CheckCanRead("""["null","int"]""", """["null","int","string"]"""));

        Assert.Equal("MISSING_UNION_BRANCH", issue.Kind);
        Assert.Equal("/", issue.Path);
        Assert.Contains("string", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckCanRead_readerUnionWithPromotableBranch_isCompatible()
    {
        Assert.Empty(_checker.CheckCanRead("""["null","long","string"]""", "\"int\""));
        Assert.Empty(_checker.CheckCanRead("""["null","double"]""", """["null","int","float"]"""));
    }

    [Fact]
    public void CheckCanRead_readerUnionWithoutMatchingBranch_reportsMissingBranch()
    {
        var issue = Assert.Single(_checker.CheckCanRead("""["null","string"]""", "\"int\""));

        Assert.Equal(new PairIssue("/", "MISSING_UNION_BRANCH", "reader union lacking writer type: int"), issue);
    }

    [Fact]
    public void CheckCanRead_writerUnionIntoNonUnionReader_checksEveryBranch()
    {
        Assert.Empty(_checker.CheckCanRead("\"long\"", """["int","long"]"""));
        var issue = Assert.Single(_checker.CheckCanRead("\"long\"", """["int","string"]"""));
        Assert.Equal("TYPE_MISMATCH", issue.Kind);
    }

    [Fact]
    public void CheckCanRead_addingOptionalFieldToRecursiveSchema_terminatesAndIsCompatible()
    {
        var writer = Rec("Node", """{"name":"v","type":"int"},{"name":"children","type":{"type":"array","items":"Node"}}""");
        var reader = Rec("Node", """{"name":"v","type":"long"},{"name":"children","type":{"type":"array","items":"Node"}},{"name":"tag","type":["null","string"],"default":null}""");

        Assert.Empty(_checker.CheckCanRead(reader, writer));
    }

    [Fact]
    public void CheckCanRead_incompatibleRecursiveSchema_reportsOnceAtFirstPath()
    {
        var writer = Rec("L", """{"name":"v","type":"string"},{"name":"next","type":["null","L"]}""");
        var reader = Rec("L", """{"name":"v","type":"int"},{"name":"next","type":["null","L"]}""");

        var issues = _checker.CheckCanRead(reader, writer);

        Assert.Contains(issues, i => i is { Kind: "TYPE_MISMATCH", Path: "/fields/0/type" });
    }

    [Fact]
    public void CheckCanRead_manyProblems_reportsEachRule()
    {
        var reader = Rec("R", """
            {"name":"a","type":"int"},
            {"name":"b","type":{"type":"fixed","name":"F","size":2}},
            {"name":"c","type":{"type":"enum","name":"E","symbols":["X"]}},
            {"name":"d","type":"string"}
            """);
        var writer = Rec("R", """
            {"name":"a","type":"long"},
            {"name":"b","type":{"type":"fixed","name":"G","size":3}},
            {"name":"c","type":{"type":"enum","name":"E","symbols":["X","Y"]}}
            """);

        var issues = _checker.CheckCanRead(reader, writer);

        Assert.Equal(
            ["/fields/0/type TYPE_MISMATCH", "/fields/1/type/name NAME_MISMATCH", "/fields/1/type/size FIXED_SIZE_MISMATCH",
             "/fields/2/type/symbols MISSING_ENUM_SYMBOLS", "/fields/3 READER_FIELD_MISSING_DEFAULT_VALUE"],
            issues.Select(i => i.Path + " " + i.Kind));
    }

    [Fact]
    public void Validate_invalidDefinition_throwsSchemaDefinitionExceptionWithPath()
    {
        var e = Assert.Throws<SchemaDefinitionException>(() => _checker.Validate(Rec("R", """{"name":"a","type":"nope"}""")));

        Assert.Contains("/fields/0/type", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckCanRead_invalidWriter_throwsSchemaDefinitionException()
    {
        var e = Assert.Throws<SchemaDefinitionException>(() => _checker.CheckCanRead("\"int\"", "{"));

        Assert.Contains("writer schema", e.Message, StringComparison.Ordinal);
    }
}

using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Resolution;
using Etl.SchemaGovernance.Avro.Schema;
using Xunit;
using static Etl.SchemaGovernance.Tests.Avro.AvroTestValues;

namespace Etl.SchemaGovernance.Tests.Avro.Resolution;

/// <summary>Rules of the specification's "Schema Resolution" section, one test (or theory) per rule.</summary>
public sealed class AvroResolutionTests
{
    public static TheoryData<string, string, object, object> Promotions => new()
    {
        { "int", "long", 7, 7L },
        { "int", "float", -3, -3f },
        { "int", "double", int.MaxValue, (double)int.MaxValue },
        { "long", "float", 1L << 40, (float)(1L << 40) },
        { "long", "double", -5L, -5.0 },
        { "float", "double", 0.1f, (double)0.1f },
        { "string", "bytes", "hé", new byte[] { 0x68, 0xC3, 0xA9 } },
        { "bytes", "string", new byte[] { 0x68, 0xC3, 0xA9 }, "hé" },
    };

    [Theory]
    [MemberData(nameof(Promotions))]
    public void Primitive_permittedPromotion_convertsValue(string writer, string reader, object value, object expected)
    {
        Assert.Equal(expected, RoundTrip(Parse($"\"{writer}\""), Parse($"\"{reader}\""), value));
    }

    [Fact]
    public void Primitive_bytesToStringWithInvalidUtf8_readsReplacementCharacter()
    {
        Assert.Equal("a\uFFFD", RoundTrip(Parse("\"bytes\""), Parse("\"string\""), new byte[] { 0x61, 0xFF }));
    }

    [Fact]
    public void Primitive_intToFloat_losesPrecisionAsIeeeRoundingDoes()
    {
        Assert.Equal(16777216f, RoundTrip(Parse("\"int\""), Parse("\"float\""), (1 << 24) + 1));
    }

    [Theory]
    [InlineData("long", "int")]
    [InlineData("double", "float")]
    [InlineData("float", "long")]
    [InlineData("string", "int")]
    [InlineData("boolean", "int")]
    [InlineData("null", "string")]
    public void Primitive_otherPairs_failToResolve(string writer, string reader)
    {
        var e = Assert.Throws<AvroResolutionException>(() => new AvroDatumReader(Parse($"\"{writer}\""), Parse($"\"{reader}\"")));

        Assert.Contains($"cannot read the writer's {writer}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_fieldsInOtherOrder_areMatchedByName()
    {
        var writer = Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}""");
        var reader = Parse("""{"type":"record","name":"R","fields":[{"name":"b","type":"string"},{"name":"a","type":"long"}]}""");

        var record = (AvroRecord)RoundTrip(writer, reader, RecordOf(writer, 1, "x"))!;

        Assert.Equal("x", record[0]);
        Assert.Equal(1L, record[1]);
    }

    [Fact]
    public void Record_writerOnlyFields_areSkippedWhateverTheirType()
    {
        var writer = Record("""
            {"type":"record","name":"R","fields":[
              {"name":"gone1","type":{"type":"array","items":{"type":"map","values":"string"}}},
              {"name":"keep","type":"int"},
              {"name":"gone2","type":["null",{"type":"record","name":"X","fields":[{"name":"f","type":{"type":"fixed","name":"F","size":3}}]}]},
              {"name":"gone3","type":"double"},
              {"name":"last","type":"string"}
            ]}
            """);
        var reader = Parse("""{"type":"record","name":"R","fields":[{"name":"last","type":"string"},{"name":"keep","type":"int"}]}""");
        var x = (AvroRecordSchema)((AvroUnionSchema)writer.Fields[2].Schema).Branches[1];
        var f = (AvroFixedSchema)x.Fields[0].Schema;
        var value = RecordOf(writer,
            new List<object?> { new Dictionary<string, object?> { ["a"] = "b" }, new Dictionary<string, object?>() },
            9, RecordOf(x, new AvroFixedValue(f, [1, 2, 3])), 2.5, "end");

        var record = (AvroRecord)RoundTrip(writer, reader, value)!;

        Assert.Equal("end", record["last"]);
        Assert.Equal(9, record["keep"]);
    }

    [Fact]
    public void Record_readerFieldMissingFromWriter_takesDefault()
    {
        var writer = Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""");
        var reader = Parse("""
            {"type":"record","name":"R","fields":[
              {"name":"a","type":"int"},
              {"name":"s","type":"string","default":"dflt"},
              {"name":"u","type":["null","long"],"default":null},
              {"name":"r","type":{"type":"record","name":"In","fields":[{"name":"x","type":"int"},{"name":"y","type":"int","default":4}]},"default":{"x":3}},
              {"name":"e","type":{"type":"enum","name":"E","symbols":["P","Q"]},"default":"Q"},
              {"name":"by","type":"bytes","default":"\u00ff"}
            ]}
            """);

        var record = (AvroRecord)RoundTrip(writer, reader, RecordOf(writer, 1))!;

        Assert.Equal("dflt", record["s"]);
        Assert.Null(record["u"]);
        Assert.Equal(3, ((AvroRecord)record["r"]!)["x"]);
        Assert.Equal(4, ((AvroRecord)record["r"]!)["y"]);
        Assert.Equal("Q", ((AvroEnumValue)record["e"]!).Symbol);
        Assert.Equal(new byte[] { 0xFF }, record["by"]);
    }

    [Fact]
    public void Record_readerFieldMissingWithoutDefault_failsAtItsPath()
    {
        var writer = Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""");
        var reader = Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"}]}""");

        var e = Assert.Throws<AvroResolutionException>(() => new AvroDatumReader(writer, reader));

        Assert.Equal("/fields/1", e.Path);
        Assert.Contains("'b'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_readerFieldAlias_matchesWriterFieldName()
    {
        var writer = Parse("""{"type":"record","name":"R","fields":[{"name":"old","type":"int"}]}""");
        var reader = Parse("""{"type":"record","name":"R","fields":[{"name":"new","type":"int","aliases":["old"]}]}""");

        Assert.Equal(5, ((AvroRecord)RoundTrip(writer, reader, RecordOf(writer, 5))!)["new"]);
    }

    [Fact]
    public void Record_differentNamespaceSameName_resolves()
    {
        var writer = Parse("""{"type":"record","name":"R","namespace":"w","fields":[{"name":"a","type":"int"}]}""");
        var reader = Parse("""{"type":"record","name":"R","namespace":"r","fields":[{"name":"a","type":"int"}]}""");

        Assert.Equal(5, ((AvroRecord)RoundTrip(writer, reader, RecordOf(writer, 5))!)["a"]);
    }

    [Fact]
    public void Record_otherName_failsUnlessReaderAliasesIt()
    {
        var writer = Parse("""{"type":"record","name":"Old","namespace":"w","fields":[{"name":"a","type":"int"}]}""");
        var renamed = Parse("""{"type":"record","name":"New","fields":[{"name":"a","type":"int"}]}""");
        var aliased = Parse("""{"type":"record","name":"New","aliases":["w.Old"],"fields":[{"name":"a","type":"int"}]}""");

        Assert.Throws<AvroResolutionException>(() => new AvroDatumReader(writer, renamed));
        Assert.Equal(5, ((AvroRecord)RoundTrip(writer, aliased, RecordOf(writer, 5))!)["a"]);
    }

    [Fact]
    public void Enum_symbolsInOtherOrder_mapBySymbol()
    {
        var writer = Parse("""{"type":"enum","name":"E","symbols":["A","B","C"]}""");
        var reader = Parse("""{"type":"enum","name":"E","symbols":["C","B","A"]}""");

        Assert.Equal("B", ((AvroEnumValue)RoundTrip(writer, reader, "B")!).Symbol);
    }

    [Fact]
    public void Enum_unknownSymbolWithReaderDefault_readsDefault()
    {
        var writer = Parse("""{"type":"enum","name":"E","symbols":["A","B","C"]}""");
        var reader = Parse("""{"type":"enum","name":"E","symbols":["A","B"],"default":"A"}""");

        Assert.Equal("A", ((AvroEnumValue)RoundTrip(writer, reader, "C")!).Symbol);
    }

    [Fact]
    public void Enum_unknownSymbolWithoutDefault_failsOnlyWhenRead()
    {
        var writer = Parse("""{"type":"enum","name":"E","symbols":["A","B","C"]}""");
        var reader = Parse("""{"type":"enum","name":"E","symbols":["A","B"]}""");
        var datumReader = new AvroDatumReader(writer, reader);

        Assert.Equal("B", ((AvroEnumValue)datumReader.Read(AvroDatumWriter.Encode(writer, "B"))!).Symbol);
        var e = Assert.Throws<AvroDecodeException>(() => datumReader.Read(AvroDatumWriter.Encode(writer, "C")));
        Assert.Contains("'C'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_sizeMismatch_fails()
    {
        var e = Assert.Throws<AvroResolutionException>(() => new AvroDatumReader(
            Parse("""{"type":"fixed","name":"F","size":4}"""), Parse("""{"type":"fixed","name":"F","size":5}""")));

        Assert.Equal("/size", e.Path);
    }

    [Fact]
    public void ArrayAndMap_itemsResolveRecursively()
    {
        var writer = Parse("""{"type":"map","values":{"type":"array","items":"int"}}""");
        var reader = Parse("""{"type":"map","values":{"type":"array","items":"double"}}""");

        var map = (Dictionary<string, object?>)RoundTrip(writer, reader, new Dictionary<string, object?> { ["k"] = new List<object?> { 1, 2 } })!;

        Assert.Equal(new List<object?> { 1.0, 2.0 }, map["k"]);
    }

    [Fact]
    public void WriterUnion_readerNotUnion_readsMatchingBranchAndFailsOtherBranchWhenUsed()
    {
        var writer = Parse("""["int","string"]""");
        var reader = Parse("\"long\"");
        var datumReader = new AvroDatumReader(writer, reader);

        Assert.Equal(3L, datumReader.Read(AvroDatumWriter.Encode(writer, 3)));
        Assert.Throws<AvroDecodeException>(() => datumReader.Read(AvroDatumWriter.Encode(writer, "x")));
    }

    [Fact]
    public void ReaderUnion_writerNotUnion_usesFirstMatchingBranch()
    {
        Assert.Equal(3L, RoundTrip(Parse("\"int\""), Parse("""["null","string","long"]"""), 3));
        Assert.Equal(3, RoundTrip(Parse("\"int\""), Parse("""["long","int"]"""), 3));
    }

    [Fact]
    public void ReaderUnion_noBranchMatches_fails()
    {
        var e = Assert.Throws<AvroResolutionException>(() => new AvroDatumReader(Parse("\"boolean\""), Parse("""["null","string"]""")));

        Assert.Contains("no branch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BothUnions_eachWriterBranchResolvesAgainstReaderUnion()
    {
        var writer = Parse("""["null","int",{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}]""");
        var reader = Parse("""[{"type":"record","name":"R","fields":[{"name":"a","type":"long"}]},"double","null"]""");
        var r = (AvroRecordSchema)((AvroUnionSchema)writer).Branches[2];

        Assert.Null(RoundTrip(writer, reader, null));
        Assert.Equal(2.0, RoundTrip(writer, reader, 2));
        Assert.Equal(9L, ((AvroRecord)RoundTrip(writer, reader, RecordOf(r, 9))!)["a"]);
    }

    [Fact]
    public void RecursiveSchemas_differentVersions_resolve()
    {
        var writer = Record("""{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"kids","type":{"type":"array","items":"Node"}}]}""");
        var reader = Parse("""{"type":"record","name":"Node","fields":[{"name":"kids","type":{"type":"array","items":"Node"}},{"name":"v","type":"long"},{"name":"tag","type":"string","default":"t"}]}""");
        var leaf = RecordOf(writer, 2, new List<object?>());
        var root = RecordOf(writer, 1, new List<object?> { leaf, leaf });

        var decoded = (AvroRecord)RoundTrip(writer, reader, root)!;

        var kids = (List<object?>)decoded["kids"]!;
        Assert.Equal(2, kids.Count);
        Assert.Equal(2L, ((AvroRecord)kids[1]!)["v"]);
        Assert.Equal("t", ((AvroRecord)kids[1]!)["tag"]);
    }
}

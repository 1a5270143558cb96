using System.Text.Json;
using Etl.Parquet.Columns;
using Etl.Parquet.Reading;
using Etl.Parquet.Schema;
using Etl.Parquet.Tests.Support;
using Etl.Parquet.Writing;

namespace Etl.Parquet.Tests.Writing;

public sealed class ParquetWriterTests
{
    [Fact]
    public void Constructor_uppercase_column_name_is_rejected_with_the_path()
    {
        var schema = new ParquetSchema(ParquetField.Struct("device", true, ParquetField.String("serialNumber")));
        var ex = Assert.Throws<ArgumentException>(() => new ParquetWriter(new MemoryStream(), schema));
        Assert.Contains("device.serialNumber", ex.Message, StringComparison.Ordinal);
        Assert.Contains("serialnumber", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_invalid_option_names_the_setting()
    {
        var schema = new ParquetSchema(ParquetField.Int64("id"));
        var ex = Assert.Throws<ArgumentException>(() => new ParquetWriter(new MemoryStream(), schema, new ParquetWriterOptions { PageSizeBytes = 10 }));
        Assert.Contains(nameof(ParquetWriterOptions.PageSizeBytes), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompleteRows_column_missing_a_value_names_the_column()
    {
        var schema = new ParquetSchema(ParquetField.Int64("id", nullable: false), ParquetField.String("name"));
        using var writer = new ParquetWriter(new MemoryStream(), schema);
        writer.Column<Int64ColumnBuffer>("id").Append(1);
        writer.Column<Int64ColumnBuffer>("id").Append(2);
        writer.Column<ByteArrayColumnBuffer>("name").Append("a");
        writer.CompleteRows(2);
        var ex = Assert.Throws<InvalidOperationException>(() => writer.Complete());
        Assert.Contains("'name'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AppendDecimal_on_a_string_column_is_rejected()
    {
        var schema = new ParquetSchema(ParquetField.String("name"));
        using var writer = new ParquetWriter(new MemoryStream(), schema);
        Assert.Throws<InvalidOperationException>(() => writer.Column<ByteArrayColumnBuffer>("name").AppendDecimal(1m));
        Assert.Throws<InvalidCastException>(() => writer.Column<Int64ColumnBuffer>("name"));
    }

    [Fact]
    public void CompleteRows_row_group_size_reached_writes_row_groups_as_it_goes()
    {
        var schema = new ParquetSchema(ParquetField.Int64("id", nullable: false), ParquetField.String("payload", nullable: false));
        using var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, schema, new ParquetWriterOptions { RowGroupSizeBytes = 64 << 10, PageSizeBytes = 8 << 10, EnableDictionary = false }))
        {
            var id = writer.Column<Int64ColumnBuffer>("id");
            var payload = writer.Column<ByteArrayColumnBuffer>("payload");
            for (var i = 0; i < 10_000; i++)
            {
                id.Append(i);
                payload.Append($"row {i} {new string('x', i % 40)}");
                writer.CompleteRows(1);
            }

            Assert.True(writer.RowGroupCount >= 4, $"{writer.RowGroupCount} row groups");
            Assert.True(writer.BufferedBytes < 64 << 10);
            writer.Complete();
        }

        stream.Position = 0;
        using var reader = ParquetReader.Open(stream);
        Assert.Equal(10_000, reader.RowCount);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (long)i), reader.ReadAllRows().Select(r => (long)r[0]!));
    }

    [Fact]
    public void Complete_footer_has_created_by_column_orders_and_key_values()
    {
        var schema = new ParquetSchema(ParquetField.Int64("id"), ParquetField.List("tags", ParquetField.String("tag")));
        using var stream = new MemoryStream();
        var options = new ParquetWriterOptions { ApplicationName = "etl", ApplicationVersion = "1.2.3", BuildHash = "abc123", KeyValueMetadata = [new("lineage.stream", "s1")] };
        using (var writer = new ParquetWriter(stream, schema, options))
        {
            writer.AppendRow([1L, new List<object?> { "a", null }]);
            writer.Complete();
        }

        stream.Position = 0;
        using var reader = ParquetReader.Open(stream);
        Assert.Equal("etl version 1.2.3 (build abc123)", reader.CreatedBy);
        Assert.Equal([1, 1], reader.Metadata.ColumnOrders);
        Assert.Equal(1, reader.Metadata.Version);
        Assert.Contains(new KeyValuePair<string, string?>("lineage.stream", "s1"), reader.KeyValueMetadata);

        using var json = JsonDocument.Parse(ParquetInspector.InspectJson(reader));
        var root = json.RootElement;
        Assert.Equal("s1", root.GetProperty("key_value_metadata").GetProperty("lineage.stream").GetString());
        Assert.Equal("array", root.GetProperty("schema")[1].GetProperty("type").GetString());
        var tags = root.GetProperty("row_groups")[0].GetProperty("columns")[1];
        Assert.Equal("tags.list.element", tags.GetProperty("path").GetString());
        Assert.Equal("SNAPPY", tags.GetProperty("codec").GetString());
        Assert.Equal(1, tags.GetProperty("statistics").GetProperty("null_count").GetInt64());
        Assert.Equal("a", tags.GetProperty("statistics").GetProperty("min").GetString());
        Assert.Equal(2, root.GetProperty("columns")[1].GetProperty("max_definition_level").GetInt32() - 1);
    }

    [Fact]
    public async Task LevelsApi_nested_leaf_written_without_objects_duckdb_reads_lists()
    {
        // tags: optional list of optional strings -> max definition 3, max repetition 1.
        using var dir = new TempDirectory();
        var path = dir.File("levels.parquet");
        var schema = new ParquetSchema(ParquetField.Int32("id", nullable: false), ParquetField.List("tags", ParquetField.String("element")));
        await using (var stream = File.Create(path))
        using (var writer = new ParquetWriter(stream, schema))
        {
            var id = writer.Column<Int32ColumnBuffer>("id");
            var tags = writer.Column<ByteArrayColumnBuffer>("tags.list.element");
            Assert.Equal((3, 1), (tags.MaxDefinitionLevel, tags.MaxRepetitionLevel));
            id.Append(1);
            tags.AppendNull(repetitionLevel: 0, definitionLevel: 0);     // tags = null
            id.Append(2);
            tags.AppendNull(repetitionLevel: 0, definitionLevel: 1);     // tags = []
            id.Append(3);
            tags.Append("a", repetitionLevel: 0);                        // tags = ["a", null, "b"]
            tags.AppendNull(repetitionLevel: 1, definitionLevel: 2);
            tags.Append("b", repetitionLevel: 1);
            writer.CompleteRows(3);
            await writer.CompleteAsync();
        }

        var rows = await DuckDb.QueryAsync($"SELECT id, to_json(tags)::VARCHAR AS tags FROM read_parquet({DuckDb.Quote(path)}) ORDER BY id");
        Assert.Equal(["null", "[]", "[\"a\",null,\"b\"]"], rows.EnumerateArray().Select(r => r.GetProperty("tags").GetString() ?? "null"));
    }

    [Theory]
    [InlineData(1 << 20, true, true)]
    [InlineData(4, true, false)]
    [InlineData(1 << 20, false, false)]
    public void Complete_dictionary_per_chunk_falls_back_to_plain_when_too_big_or_not_worth_it(int limit, bool enabled, bool expectDictionary)
    {
        var schema = new ParquetSchema(ParquetField.String("few", nullable: false), ParquetField.Int64("unique", nullable: false));
        using var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, schema, new ParquetWriterOptions { DictionarySizeLimitBytes = limit, EnableDictionary = enabled }))
        {
            var few = writer.Column<ByteArrayColumnBuffer>("few");
            var unique = writer.Column<Int64ColumnBuffer>("unique");
            for (var i = 0; i < 50_000; i++)
            {
                few.Append(i % 3 == 0 ? "alpha" : "beta");
                unique.Append(i * 7919L);
            }

            writer.CompleteRows(50_000);
            writer.Complete();
        }

        stream.Position = 0;
        using var reader = ParquetReader.Open(stream);
        var chunks = reader.Metadata.RowGroups[0].Columns;
        var dictionary = Etl.Parquet.Metadata.ParquetEncoding.RleDictionary;
        Assert.Equal(expectDictionary, chunks[0].Encodings.Contains(dictionary));
        Assert.Equal(expectDictionary, chunks[0].DictionaryPageOffset is not null);
        Assert.DoesNotContain(dictionary, chunks[1].Encodings);
        Assert.Null(chunks[1].DictionaryPageOffset);
        var rows = reader.ReadAllRows().ToList();
        Assert.Equal(16_667, rows.Count(r => (string)r[0]! == "alpha"));
        Assert.Equal(49_999 * 7919L, (long)rows[^1][1]!);
    }
}

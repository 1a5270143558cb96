using System.Buffers.Binary;
using Etl.Parquet.Reading;
using Etl.Parquet.Schema;
using Etl.Parquet.Tests.Support;
using Etl.Parquet.Writing;

namespace Etl.Parquet.Tests.Reading;

public sealed class BadFileTests
{
    private static byte[] GoodFile(ParquetCompression codec)
    {
        var generator = new RandomSchemas(3);
        var schema = new ParquetSchema(
            ParquetField.Int64("id", nullable: false),
            ParquetField.String("name"),
            ParquetField.List("tags", ParquetField.String("element")),
            ParquetField.Map("attrs", ParquetField.String("key", nullable: false), ParquetField.Double("value")),
            ParquetField.Struct("s", true, ParquetField.Decimal("d", 20, 4), ParquetField.Timestamp("t")));
        using var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, schema, new ParquetWriterOptions { Compression = codec, PageSizeBytes = 1024 }))
        {
            for (var i = 0; i < 200; i++)
            {
                writer.AppendRow(generator.Row(schema));
            }

            writer.Complete();
        }

        return stream.ToArray();
    }

    private static void ReadEverything(byte[] file)
    {
        using var reader = ParquetReader.Open(new MemoryStream(file));
        foreach (var row in reader.ReadAllRows())
        {
            Assert.NotNull(row);
        }

        ParquetInspector.InspectJson(reader);
    }

    [Fact]
    public void Open_file_shorter_than_minimum_throws_naming_truncation()
    {
        var ex = Assert.Throws<ParquetFormatException>(() => ParquetReader.Open(new MemoryStream("PAR1PAR1"u8.ToArray())));
        Assert.Contains("shorter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_wrong_leading_magic_throws_naming_magic()
    {
        var file = GoodFile(ParquetCompression.Snappy);
        file[0] = (byte)'X';
        var ex = Assert.Throws<ParquetFormatException>(() => ParquetReader.Open(new MemoryStream(file)));
        Assert.Contains("wrong magic at the start", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_truncated_file_throws_naming_magic_at_end()
    {
        var file = GoodFile(ParquetCompression.Snappy);
        var ex = Assert.Throws<ParquetFormatException>(() => ParquetReader.Open(new MemoryStream(file[..^100])));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(-5)]
    [InlineData(0)]
    public void Open_footer_length_out_of_range_throws_naming_footer_length(int length)
    {
        var file = GoodFile(ParquetCompression.Snappy);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(file.Length - 8), length);
        var ex = Assert.Throws<ParquetFormatException>(() => ParquetReader.Open(new MemoryStream(file)));
        Assert.Contains("footer length", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_corrupt_page_header_throws_parquet_format_exception()
    {
        var file = GoodFile(ParquetCompression.Uncompressed);
        file.AsSpan(4, 6).Fill(0xFF);
        var ex = Assert.Throws<ParquetFormatException>(() => ReadEverything(file));
        Assert.Contains("page", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ReadRows_corrupt_snappy_page_body_throws_parquet_format_exception()
    {
        var file = GoodFile(ParquetCompression.Snappy);
        using var reader = ParquetReader.Open(new MemoryStream(file));
        var chunk = reader.Metadata.RowGroups[0].Columns[1];
        var bodyStart = (int)chunk.DataPageOffset + 20;
        file.AsSpan(bodyStart, 8).Fill(0xFD);
        Assert.Throws<ParquetFormatException>(() => ReadEverything(file));
    }

    /// <summary>Fuzzing: any single corrupted byte either still reads or fails with ParquetFormatException, quickly.</summary>
    [Theory]
    [InlineData(ParquetCompression.Uncompressed)]
    [InlineData(ParquetCompression.Snappy)]
    [InlineData(ParquetCompression.Gzip)]
    public async Task ReadRows_random_byte_corruption_never_escapes_as_another_exception(ParquetCompression codec)
    {
        var good = GoodFile(codec);
        var random = new Random(42 + (int)codec);
        var formatErrors = 0;
        for (var i = 0; i < 250; i++)
        {
            var file = (byte[])good.Clone();
            var at = random.Next(file.Length);
            file[at] = (byte)random.Next(256);
            var read = Task.Run(() => ReadEverything(file));
            try
            {
                await read.WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (ParquetFormatException)
            {
                formatErrors++;
            }
            catch (Exception ex) when (ex is not TimeoutException)
            {
                Assert.Fail($"Byte {at} corrupted: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(formatErrors > 0, "Some corruptions should be detected.");
    }
}

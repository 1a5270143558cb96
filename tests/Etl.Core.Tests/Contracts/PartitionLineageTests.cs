using Etl.Core.Contracts;
using Etl.Core.Records;

namespace Etl.Core.Tests.Contracts;

public sealed class PartitionLineageTests
{
    private static FileLineage File(string shard, string first, string last, long rows, int version = 1, long lastSub = 0) =>
        new("orders", new StreamPosition(shard, first), new StreamPosition(shard, last, lastSub), rows, "orders-value", version);

    [Fact]
    public void Initial_oneFile_recordsItsRowsRangeAndVersion()
    {
        var p = PartitionLineage.Initial(File("shardId-000000000001", "100", "250", 42, version: 3));

        Assert.Equal("42", p[PartitionLineage.Rows]);
        Assert.Equal("1", p[PartitionLineage.Files]);
        Assert.Equal("3", p[PartitionLineage.SchemaVersion]);
        Assert.Equal("3", p[PartitionLineage.SchemaVersions]);
        Assert.Equal("orders-value", p[PartitionLineage.SchemaName]);
        Assert.Equal("orders", p[PartitionLineage.SourceStream]);
        Assert.Equal("""{"shardId-000000000001":["100/0","250/0"]}""", p[PartitionLineage.SourceRanges]);
    }

    [Fact]
    public void Merge_filesOfTwoShardsAndTwoVersions_sumsAndKeepsARangePerShard()
    {
        var p = PartitionLineage.Initial(File("shardId-000000000001", "100", "250", 10, version: 2));
        p = PartitionLineage.Merge(p, File("shardId-000000000000", "90", "95", 5, version: 1))!;
        p = PartitionLineage.Merge(p, File("shardId-000000000001", "300", "400", 7, version: 2, lastSub: 3))!;

        Assert.Equal("22", p[PartitionLineage.Rows]);
        Assert.Equal("3", p[PartitionLineage.Files]);
        Assert.Equal("1,2", p[PartitionLineage.SchemaVersions]);
        Assert.Equal("2", p[PartitionLineage.SchemaVersion]);
        var ranges = PartitionLineage.ReadRanges(p);
        Assert.Equal(["shardId-000000000000", "shardId-000000000001"], ranges.Keys);
        Assert.Equal(new StreamPosition("shardId-000000000001", "100"), ranges["shardId-000000000001"].First);
        Assert.Equal(new StreamPosition("shardId-000000000001", "400", 3), ranges["shardId-000000000001"].Last);
    }

    [Fact]
    public void Merge_fileAlreadyCovered_returnsNullSoARetryChangesNothing()
    {
        var p = PartitionLineage.Initial(File("shardId-000000000001", "100", "250", 10));
        p = PartitionLineage.Merge(p, File("shardId-000000000001", "260", "300", 4))!;

        Assert.Null(PartitionLineage.Merge(p, File("shardId-000000000001", "260", "300", 4)));
        Assert.Null(PartitionLineage.Merge(p, File("shardId-000000000001", "100", "250", 10)));
        Assert.NotNull(PartitionLineage.Merge(p, File("shardId-000000000001", "300", "300", 1, lastSub: 1)));
    }

    [Fact]
    public void Merge_keepsOtherParameters_andToleratesUnreadableRanges()
    {
        var current = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["etl.pipeline"] = "orders",
            ["closed"] = "true",
            [PartitionLineage.SourceRanges] = "not json",
        };

        var p = PartitionLineage.Merge(current, File("shardId-000000000001", "1", "2", 2))!;

        Assert.Equal("orders", p["etl.pipeline"]);
        Assert.Equal("true", p["closed"]);
        Assert.Single(PartitionLineage.ReadRanges(p));
    }

    [Fact]
    public void Merge_rangeAcrossShards_isRejected()
    {
        var file = new FileLineage("orders", new StreamPosition("a", "1"), new StreamPosition("b", "2"), 1, "s", 1);

        Assert.Throws<ArgumentException>(() => PartitionLineage.Initial(file));
    }

    [Theory]
    [InlineData("123/4", "123", 4L)]
    [InlineData("123", "123", 0L)]
    public void ParsePosition_formatted_roundTrips(string text, string sequence, long sub)
    {
        var position = PartitionLineage.ParsePosition("s", text);

        Assert.Equal(new StreamPosition("s", sequence, sub), position);
        Assert.Equal($"{sequence}/{sub}", PartitionLineage.Format(position!.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12a/1")]
    [InlineData("12/x")]
    [InlineData("/1")]
    public void ParsePosition_notAPosition_isNull(string? text) => Assert.Null(PartitionLineage.ParsePosition("s", text));

    [Fact]
    public void FileMetadata_roundTrips_andIsNullWhenIncomplete()
    {
        var file = File("shardId-000000000002", "10", "20", 7, version: 4, lastSub: 3);
        var metadata = file.ToMetadata().Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)).ToList();

        Assert.Equal(file, FileLineage.FromMetadata(metadata, 7));
        Assert.Null(FileLineage.FromMetadata(metadata.Where(kv => kv.Key != FileLineage.SourceLast), 7));
    }
}

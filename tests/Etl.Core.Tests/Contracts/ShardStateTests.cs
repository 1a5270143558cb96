using Etl.Core.Contracts;
using Etl.Core.Records;

namespace Etl.Core.Tests.Contracts;

public sealed class ShardStateTests
{
    private static StreamPosition P(int n) => new("shard", n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void IsCommitted_atOrBeforeCheckpoint_isTrueForEveryBuffer()
    {
        var state = ShardState.Empty with { Checkpoint = P(10) };

        Assert.True(state.IsCommitted("any", P(10)));
        Assert.True(state.IsCommitted("other", P(3)));
        Assert.False(state.IsCommitted("any", P(11)));
    }

    [Fact]
    public void IsCommitted_insideASegment_isTrueOnlyForThatBufferKey()
    {
        var state = new ShardState(P(10), [new CommittedSegment("data|dt=1|s@1", P(15), P(30), "k")], null);

        Assert.True(state.IsCommitted("data|dt=1|s@1", P(15)));
        Assert.True(state.IsCommitted("data|dt=1|s@1", P(30)));
        Assert.False(state.IsCommitted("data|dt=2|s@1", P(20)));
        Assert.False(state.IsCommitted("data|dt=1|s@1", P(31)));
        Assert.False(state.IsCommitted("data|dt=1|s@1", P(12)));
    }

    [Fact]
    public void DecodeResult_failure_carriesTheReasonAndNoRecord()
    {
        var result = DecodeResult.Failure(DeadLetterKind.SchemaViolation, "must be >= 0", "$.o2stats", "minimum");

        Assert.False(result.IsSuccess);
        Assert.Null(result.Record);
        Assert.Equal("SchemaViolation at $.o2stats: must be >= 0", result.Reason!.ToString());
    }
}

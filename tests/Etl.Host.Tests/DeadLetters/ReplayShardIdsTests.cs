using Etl.Host.DeadLetters;

namespace Etl.Host.Tests.DeadLetters;

public sealed class ReplayShardIdsTests
{
    [Fact]
    public void ForKey_is_stable_and_distinguishes_keys()
    {
        var a = ReplayShardIds.ForKey("deadletter/orders/dt=2026-11-21-09/lines-1-0.jsonl");

        Assert.Equal(a, ReplayShardIds.ForKey("deadletter/orders/dt=2026-11-21-09/lines-1-0.jsonl"));
        Assert.NotEqual(a, ReplayShardIds.ForKey("deadletter/orders/dt=2026-11-21-10/lines-1-0.jsonl"));
        Assert.Matches("^dlq-[0-9a-f]{16}$", a);
    }
}

using Etl.Ingest.Leases;

namespace Etl.Ingest.Tests.Leases;

public sealed class LeaseBalancerTests
{
    private static readonly LeaseCoordinatorOptions Options = new();

    private static IReadOnlyList<LeaseState> Choose(string me, List<LeaseState> scan, Func<LeaseState, bool>? available = null, LeaseCoordinatorOptions? options = null) =>
        LeaseBalancer.ChooseLeasesToTake(me, scan, available ?? (l => l.Owner is null), options ?? Options, new Random(1));

    [Fact]
    public void Choose_only_worker_takes_every_unowned_lease()
    {
        var scan = Some.Owned(null!, 8);
        Assert.Equal(8, Choose("a", scan).Count);
    }

    [Fact]
    public void Choose_three_workers_target_is_ceiling_of_share()
    {
        // b holds 3, c holds 3, two are free: a's target is ceil(8/3) = 3, so it takes both free leases.
        var scan = Some.Owned("b", 3).Concat(Some.Owned("c", 3, 3)).Concat(Some.Owned(null!, 2, 6)).ToList();
        var chosen = Choose("a", scan);
        Assert.Equal(2, chosen.Count);
        Assert.All(chosen, l => Assert.Null(l.Owner));
    }

    [Fact]
    public void Choose_settled_three_three_two_does_not_steal()
    {
        var scan = Some.Owned("a", 2).Concat(Some.Owned("b", 3, 2)).Concat(Some.Owned("c", 3, 5)).ToList();
        Assert.Empty(Choose("a", scan));
    }

    [Fact]
    public void Choose_nothing_free_steals_one_from_most_loaded()
    {
        var scan = Some.Owned("b", 6).Concat(Some.Owned("c", 2, 6)).ToList();
        var chosen = Assert.Single(Choose("a", scan));
        Assert.Equal("b", chosen.Owner);
    }

    [Fact]
    public void Choose_most_loaded_at_target_and_need_more_than_one_steals_one()
    {
        // 9 leases, 3 workers, target 3: b and c hold 3 each... a holds 1 and needs 2; b at target still gives one.
        var scan = Some.Owned("a", 1).Concat(Some.Owned("b", 4, 1)).Concat(Some.Owned("c", 4, 5)).ToList();
        Assert.Single(Choose("a", scan));
    }

    [Fact]
    public void Choose_expired_leases_before_unowned_and_up_to_need()
    {
        var expired = Some.Lease("shardId-000000000001", "dead");
        var scan = new List<LeaseState> { expired, Some.Lease("shardId-000000000002"), Some.Lease("shardId-000000000003", "b"), Some.Lease("shardId-000000000004", "b") };
        var chosen = Choose("a", scan, l => l.Owner is null || l.Owner == "dead");

        // Workers a and b (dead does not count): target 2, so a takes two, the expired one first.
        Assert.Equal(2, chosen.Count);
        Assert.Equal(expired.LeaseKey, chosen[0].LeaseKey);
    }

    [Fact]
    public void Choose_max_leases_for_worker_caps_target()
    {
        var scan = Some.Owned(null!, 8);
        Assert.Equal(3, Choose("a", scan, options: new LeaseCoordinatorOptions { MaxLeasesForWorker = 3 }).Count);
    }
}

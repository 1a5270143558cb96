using Etl.SchemaGovernance.Registry;
using Etl.SchemaGovernance.Registry.Glue;

namespace Etl.SchemaGovernance.Tests.Registry.Glue;

public sealed class VersionCacheTests
{
    private static SchemaVersionInfo Version(long number, SchemaVersionStatus status = SchemaVersionStatus.Available, string schema = "orders") =>
        new("sales", schema, Guid.NewGuid(), number, status, "JSON", "{}", DateTimeOffset.UnixEpoch, []);

    [Theory]
    [InlineData(SchemaVersionStatus.Pending)]
    [InlineData(SchemaVersionStatus.Deleting)]
    public void Add_unsettled_version_is_not_kept(SchemaVersionStatus status)
    {
        var cache = new VersionCache(10);
        var version = Version(1, status);

        cache.Add(version);

        Assert.False(cache.TryGet(version.SchemaVersionId, out _));
    }

    [Fact]
    public void Add_beyond_capacity_starts_over()
    {
        var cache = new VersionCache(2);
        var first = Version(1);
        var second = Version(2);
        var third = Version(3);

        cache.Add(first);
        cache.Add(second);
        cache.Add(third);

        Assert.False(cache.TryGet(first.SchemaVersionId, out _));
        Assert.True(cache.TryGet(third.SchemaVersionId, out var kept));
        Assert.Equal(third, kept);
    }

    [Fact]
    public void Evict_drops_only_the_schema_versions_in_range()
    {
        var cache = new VersionCache(10);
        var v1 = Version(1);
        var v2 = Version(2, SchemaVersionStatus.Failure);
        var other = Version(2, schema: "returns");
        foreach (var v in new[] { v1, v2, other })
        {
            cache.Add(v);
        }

        cache.Evict(new SchemaId("sales", "orders"), 2, 5);

        Assert.True(cache.TryGet(v1.SchemaVersionId, out _));
        Assert.False(cache.TryGet(v2.SchemaVersionId, out _));
        Assert.True(cache.TryGet(other.SchemaVersionId, out _));
    }
}

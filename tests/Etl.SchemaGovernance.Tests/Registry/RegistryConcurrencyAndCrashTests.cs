using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry;

namespace Etl.SchemaGovernance.Tests.Registry;

public sealed class RegistryConcurrencyAndCrashTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly RegistryFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task RegisterSchemaVersion_from_many_tasks_over_two_instances_yields_distinct_consecutive_versions()
    {
        await _fixture.CreateOrdersAsync(CompatibilityMode.None);
        using var second = _fixture.Open();
        const int count = 24;

        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _fixture.Registry : second).RegisterSchemaVersionAsync(RegistryFixture.Orders, RegistryFixture.Object("p" + i), None))));

        Assert.Equal(Enumerable.Range(2, count).Select(n => (long)n), results.Select(r => r.VersionNumber).Order());
        Assert.Equal(count, results.Select(r => r.SchemaVersionId).Distinct().Count());
        var listed = await second.ListSchemaVersionsAsync(RegistryFixture.Orders, None);
        Assert.Equal(count + 1, listed.Count);
    }

    [Fact]
    public async Task RegisterSchemaVersion_same_definition_from_many_tasks_creates_one_version()
    {
        await _fixture.CreateOrdersAsync(CompatibilityMode.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            _fixture.Registry.RegisterSchemaVersionAsync(RegistryFixture.Orders, RegistryFixture.Object("same"), None))));

        Assert.Single(results.Select(r => r.SchemaVersionId).Distinct());
        Assert.Equal(2, results[0].VersionNumber);
    }

    [Fact]
    public async Task Reads_ignore_leftover_temp_files_and_the_next_write_removes_them()
    {
        await _fixture.CreateOrdersAsync(CompatibilityMode.None);
        var versions = Path.Combine(_fixture.Root, "registries", "r-sales", "schemas", "s-orders", "versions");
        var schemaFile = Path.Combine(_fixture.Root, "registries", "r-sales", "schemas", "s-orders", "schema.json");
        var halfVersion = Path.Combine(versions, "2.json" + ".tmp-0123456789abcdef");
        var halfSchema = schemaFile + ".tmp-fedcba9876543210";
        await File.WriteAllTextAsync(halfVersion, "{\"versionNumber\":2,\"defin", None);
        await File.WriteAllTextAsync(halfSchema, "{\"name\":", None);

        // A fresh instance (as after a restart) reads around the leftovers.
        using var restarted = _fixture.Open();
        var listed = await restarted.ListSchemaVersionsAsync(RegistryFixture.Orders, None);
        var schema = await restarted.GetSchemaAsync(RegistryFixture.Orders, None);
        var registered = await restarted.RegisterSchemaVersionAsync(RegistryFixture.Orders, RegistryFixture.Object("x"), None);

        Assert.Equal([1L], listed.Select(v => v.VersionNumber));
        Assert.Equal(2, schema.NextSchemaVersion);
        Assert.Equal(2, registered.VersionNumber);
        Assert.False(File.Exists(halfVersion));
        Assert.False(File.Exists(halfSchema));
        Assert.Empty(Directory.EnumerateFiles(_fixture.Root, "*.tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task CreateSchema_after_interrupted_create_starts_over()
    {
        await _fixture.Registry.CreateRegistryAsync("sales", null, None);
        // An interrupted create left version 1 but no schema.json.
        var versions = Path.Combine(_fixture.Root, "registries", "r-sales", "schemas", "s-orders", "versions");
        Directory.CreateDirectory(versions);
        await File.WriteAllTextAsync(Path.Combine(versions, "1.json"), "{}", None);

        var missing = await Assert.ThrowsAsync<SchemaRegistryException>(() => _fixture.Registry.GetSchemaAsync(RegistryFixture.Orders, None));
        var created = await _fixture.Registry.CreateSchemaAsync(
            new CreateSchemaRequest(RegistryFixture.Orders, "JSON", CompatibilityMode.Backward, RegistryFixture.Object("id")), None);

        Assert.Equal(SchemaRegistryErrorCode.EntityNotFound, missing.Code);
        Assert.Equal(1, created.Schema.LatestSchemaVersion);
        Assert.Equal(created.SchemaVersionId, (await _fixture.Registry.GetSchemaVersionAsync(SchemaVersionReference.ByNumber(RegistryFixture.Orders, 1), None)).SchemaVersionId);
    }

    [Fact]
    public async Task Writer_waiting_for_a_lock_held_by_another_process_times_out_with_concurrent_modification()
    {
        await _fixture.CreateOrdersAsync(CompatibilityMode.None);
        using var impatient = new FolderSchemaRegistry(_fixture.Root, TimeProvider.System, lockTimeout: TimeSpan.FromMilliseconds(200));

        // Holding the lock file open exclusively stands for another process in the middle of a write.
        await using (new FileStream(Path.Combine(_fixture.Root, "registry.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var error = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
                impatient.RegisterSchemaVersionAsync(RegistryFixture.Orders, RegistryFixture.Object("late"), None));
            Assert.Equal(SchemaRegistryErrorCode.ConcurrentModification, error.Code);
        }

        var afterRelease = await impatient.RegisterSchemaVersionAsync(RegistryFixture.Orders, RegistryFixture.Object("late"), None);
        Assert.Equal(2, afterRelease.VersionNumber);
    }
}

using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry;

namespace Etl.SchemaGovernance.Tests.Registry;

/// <summary>A registry in a fresh temporary folder, deleted afterwards, with a fixed clock.</summary>
internal sealed class RegistryFixture : IDisposable
{
    public static readonly SchemaId Orders = new("sales", "orders");

    public RegistryFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "etl-registry-tests", Guid.NewGuid().ToString("N"));
        Registry = Open();
    }

    public string Root { get; }

    public FolderSchemaRegistry Registry { get; }

    public FixedTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    /// <summary>Another registry instance over the same folder, as a second process would have.</summary>
    public FolderSchemaRegistry Open() => new(Root, Clock ?? TimeProvider.System);

    public static string Object(params string[] properties) =>
        "{\"type\":\"object\",\"properties\":{" + string.Join(",", properties.Select(p => $"\"{p}\":{{\"type\":\"string\"}}")) + "}}";

    public async Task CreateOrdersAsync(CompatibilityMode mode, string? first = null)
    {
        await Registry.CreateRegistryAsync("sales", "test registry", CancellationToken.None);
        await Registry.CreateSchemaAsync(new CreateSchemaRequest(Orders, "JSON", mode, first ?? Object("id")), CancellationToken.None);
    }

    public void Dispose()
    {
        Registry.Dispose();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

/// <summary>A clock that reads a fixed instant (timers and timestamps are the system's).</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

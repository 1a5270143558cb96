using Etl.Catalog.Folder;
using Etl.Host.Operations;
using Etl.Host.Pipelines;
using Etl.Host.Tests.DeadLetters;
using Etl.Host.Tests.Service;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Host.Tests.Operations;

/// <summary>
/// A temp data root where the orders pipeline wrote two hour partitions (2026-11-21 08:00 and 09:00 UTC), with the
/// operations jobs built over it and a clock the test sets.
/// </summary>
internal sealed class OperationsScenario : IDisposable
{
    public OperationsScenario()
    {
        Catalog = new FolderCatalog(Data.Paths.Catalog);
        Partitions = new FolderCatalogPartitions(Catalog);
        Tables = OperationsTable.From(Data.Options, new PipelineStores(Data.Options, Data.Store));
        Scanner = new PartitionScanner(NullLogger<PartitionScanner>.Instance);
    }

    public DeadLetterScenario Data { get; } = new();

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 21, 11, 30, 0, TimeSpan.Zero));

    public OperationsOptions Options { get; } = new();

    public FolderCatalog Catalog { get; }

    public FolderCatalogPartitions Partitions { get; }

    public IReadOnlyList<OperationsTable> Tables { get; }

    public PartitionScanner Scanner { get; }

    public string TableFolder => Path.Combine(Data.Root, "warehouse", "shop", "orders");

    private static readonly string[] TwoHours =
    [
        DeadLetterScenario.Order(1, "low", "2026-11-21T08:05:00Z"),
        DeadLetterScenario.Order(2, "high", "2026-11-21T08:55:00Z"),
        DeadLetterScenario.Order(3, "low", "2026-11-21T08:59:59Z"),
        DeadLetterScenario.Order(4, "high", "2026-11-21T09:10:00Z"),
        DeadLetterScenario.Order(5, "bogus", "2026-11-21T09:10:00Z"),
    ];

    public async Task IngestTwoHoursAsync()
    {
        await Data.RegisterV1Async();
        await Data.IngestAsync("orders", TwoHours, new DateTimeOffset(2026, 11, 21, 9, 20, 0, TimeSpan.Zero));
    }

    /// <summary>The same stream, read on from its checkpoint: one more record, for 08:30, arriving at 11:35.</summary>
    public Task IngestLateRecordAsync() =>
        Data.IngestAsync("orders", [.. TwoHours, DeadLetterScenario.Order(6, "low", "2026-11-21T08:30:00Z")], new DateTimeOffset(2026, 11, 21, 11, 35, 0, TimeSpan.Zero));

    public PartitionCloser Closer() =>
        new(Tables, Scanner, Partitions, Options, Time, NullLogger<PartitionCloser>.Instance);

    public DeadLetterPurger Purger() => new(Tables, Options, Time, NullLogger<DeadLetterPurger>.Instance);

    public CatalogReconciler Reconciler() =>
        new(Tables, Catalog, Partitions, Scanner, NullLogger<CatalogReconciler>.Instance);

    public void Dispose() => Data.Dispose();
}

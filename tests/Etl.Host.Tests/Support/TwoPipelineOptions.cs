using Etl.Host.Configuration;

namespace Etl.Host.Tests.Support;

/// <summary>
/// Local-mode options under <c>root</c> with two pipelines: <c>shared</c> (table db.shared, in the data root
/// <c>root/data</c>) and <c>own</c> (table db.own, in its own folder <c>root/elsewhere</c>, dead letters under
/// <c>rejects/</c>).
/// </summary>
internal static class TwoPipelineOptions
{
    public static EtlOptions Create(string root) => new()
    {
        DataRoot = Path.Combine(root, "data"),
        Pipelines =
        [
            new PipelineOptions { Name = "shared", Source = new SourceOptions { Type = "Demo", Feed = "ticker" }, Catalog = new CatalogOptions { Database = "db", Table = "shared" } },
            new PipelineOptions
            {
                Name = "own",
                Source = new SourceOptions { Type = "Demo", Feed = "sensor" },
                Catalog = new CatalogOptions { Database = "db", Table = "own" },
                Output = new OutputOptions { Folder = Path.Combine(root, "elsewhere") },
                DeadLetters = new DeadLetterOptions { Prefix = "rejects" },
            },
        ],
    };
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.Parquet.Schema;
using Etl.TestSupport;

namespace Etl.Parquet.Tests.Support;

/// <summary>
/// Collects written files with their expected rows and checks them all in one Node run with DuckDB, hyparquet and
/// parquet-wasm (tests/tools/parquet-readers.mjs).
/// </summary>
internal sealed class IndependentReaders
{
    private readonly JsonArray _files = [];
    private readonly string _directory;

    public IndependentReaders(string directory)
    {
        _directory = directory;
    }

    public void Add(string path, ParquetSchema schema, IEnumerable<object?[]> rows)
    {
        var expected = path + ".expected.json";
        File.WriteAllText(expected, Canonical.Rows(schema, rows).ToJsonString());
        _files.Add(new JsonObject { ["path"] = path, ["schema"] = Canonical.Schema(schema), ["expected"] = expected });
    }

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        var manifest = Path.Combine(_directory, "manifest.json");
        await File.WriteAllTextAsync(manifest, new JsonObject { ["files"] = _files }.ToJsonString());
        var output = await NodeTool.RunAsync("parquet-readers.mjs", [manifest], timeout: TimeSpan.FromMinutes(5));
        return JsonSerializer.Deserialize<List<Result>>(output, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidOperationException("parquet-readers.mjs printed no results.");
    }

    internal sealed record Result(string Path, string Reader, bool Ok, int Rows, string? Mismatch);
}

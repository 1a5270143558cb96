using System.Text.Json;
using Etl.TestSupport;

namespace Etl.Parquet.Tests.Support;

/// <summary>Runs SQL in DuckDB (npm) through tests/tools/duckdb-query.mjs.</summary>
internal static class DuckDb
{
    public static async Task<JsonElement> QueryAsync(string sql)
    {
        var output = await NodeTool.RunAsync("duckdb-query.mjs", [sql]);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    public static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}

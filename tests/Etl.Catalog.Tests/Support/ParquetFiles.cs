using Etl.TestSupport;

namespace Etl.Catalog.Tests.Support;

/// <summary>Small Parquet files written by DuckDB (tests/tools/duckdb-query.mjs COPY ... TO).</summary>
internal static class ParquetFiles
{
    /// <summary>Writes the rows of <paramref name="select"/> to a Parquet file and returns its bytes.</summary>
    public static async Task<byte[]> FromSelectAsync(string select)
    {
        var path = Path.Combine(Path.GetTempPath(), "etl-catalog-" + Guid.NewGuid().ToString("N") + ".parquet");
        try
        {
            await NodeTool.RunAsync("duckdb-query.mjs", [$"COPY ({select}) TO '{path}' (FORMAT parquet)"]);
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

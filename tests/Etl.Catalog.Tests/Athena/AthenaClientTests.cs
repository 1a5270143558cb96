using Etl.Catalog.Athena;
using Etl.Catalog.Tests.Support;

namespace Etl.Catalog.Tests.Athena;

[Collection(ContractCollection.Name)]
public sealed class AthenaClientTests(ContractServers servers)
{
    [Fact]
    public async Task QueryAsync_pages_rows_and_skips_the_header_row_once()
    {
        var athena = servers.Athena(Options(pageSize: 2));

        var result = await athena.QueryAsync("SELECT x, 'v' || CAST(x AS VARCHAR) AS label FROM (VALUES (1), (2), (3), (4), (5)) AS t(x) ORDER BY x", default);

        Assert.Equal(["x", "label"], result.Columns.Select(c => c.Name));
        Assert.Equal(["integer", "varchar"], result.Columns.Select(c => c.Type));
        Assert.Equal(["1", "2", "3", "4", "5"], result.Rows.Select(r => r[0]));
        Assert.Equal("v5", result.Rows[4][1]);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task QueryAsync_null_values_come_back_as_null()
    {
        var result = await servers.Athena(Options(pageSize: 1000)).QueryAsync("SELECT CAST(NULL AS VARCHAR) AS a, 'x' AS b", default);

        Assert.Equal([null, "x"], Assert.Single(result.Rows));
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task QueryAsync_failed_query_surfaces_athena_category_and_reason()
    {
        var e = await Assert.ThrowsAsync<AthenaQueryException>(() =>
            servers.Athena(Options(pageSize: 1000)).QueryAsync("SELECT * FROM no_such_table", default));

        Assert.Equal("FAILED", e.State);
        Assert.Equal(2, e.ErrorCategory);
        Assert.Contains("no_such_table", e.Reason, StringComparison.Ordinal);
        Assert.Contains("(user error)", e.Message, StringComparison.Ordinal);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task StartQuery_same_client_request_token_returns_the_same_execution()
    {
        var athena = servers.Athena(Options(pageSize: 1000));
        var token = AthenaClient.NewClientRequestToken();

        var first = await athena.StartQueryAsync("SELECT 1", token, default);
        var second = await athena.StartQueryAsync("SELECT 1", token, default);
        var other = await athena.StartQueryAsync("SELECT 1", AthenaClient.NewClientRequestToken(), default);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal("SUCCEEDED", (await athena.WaitForCompletionAsync(first, default)).State);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task QueryAsync_unknown_database_fails_as_a_user_error()
    {
        var e = await Assert.ThrowsAsync<AthenaQueryException>(() =>
            servers.Athena(new AthenaClientOptions { Database = "no_such_database", PollInitialDelay = TimeSpan.FromMilliseconds(20) }).QueryAsync("SELECT 1", default));

        Assert.Contains("SCHEMA_NOT_FOUND", e.Reason, StringComparison.Ordinal);
        Assert.Equal(2, e.ErrorCategory);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task StartQuery_short_token_is_rejected_before_sending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => servers.Athena(Options(pageSize: 1000)).StartQueryAsync("SELECT 1", "short", default));
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task GetStatus_reports_statement_type_and_final_state()
    {
        var athena = servers.Athena(Options(pageSize: 1000));
        var id = await athena.StartQueryAsync("SELECT 42", AthenaClient.NewClientRequestToken(), default);

        var status = await athena.WaitForCompletionAsync(id, default);

        Assert.True(status.IsFinal);
        Assert.Equal("DML", status.StatementType);
        Assert.Equal(id, status.QueryExecutionId);
        await servers.AssertNoViolationsAsync();
    }

    private static AthenaClientOptions Options(int pageSize) => new()
    {
        PageSize = pageSize,
        PollInitialDelay = TimeSpan.FromMilliseconds(20),
        PollMaxDelay = TimeSpan.FromMilliseconds(200),
    };
}

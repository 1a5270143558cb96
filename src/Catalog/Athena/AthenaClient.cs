using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Etl.Aws;

namespace Etl.Catalog.Athena;

/// <summary>
/// Runs Athena queries over <see cref="AwsJsonClient"/>: StartQueryExecution with a ClientRequestToken (so a retried
/// start does not run the query twice), GetQueryExecution polled with exponential backoff, GetQueryResults paged
/// with the header row of SELECT results skipped. A query that fails surfaces as <see cref="AthenaQueryException"/>
/// with Athena's error category; service errors as <see cref="AwsServiceException"/>.
/// </summary>
public sealed class AthenaClient
{
    private readonly AwsJsonClient _client;
    private readonly AthenaClientOptions _options;

    /// <param name="client">A client for the Athena endpoint (<see cref="AwsServiceEndpoint.Athena"/>).</param>
    public AthenaClient(AwsJsonClient client, AthenaClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new AthenaClientOptions();
        _options.Validate();
    }

    /// <summary>Runs the query to completion and returns all its rows (what <c>etl query "SQL"</c> prints).</summary>
    /// <exception cref="AthenaQueryException">The query failed or was cancelled.</exception>
    /// <exception cref="TimeoutException">The query ran longer than <see cref="AthenaClientOptions.QueryTimeout"/>; it was stopped.</exception>
    public async Task<AthenaQueryResult> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        var id = await StartQueryAsync(sql, NewClientRequestToken(), cancellationToken);
        var status = await WaitForCompletionAsync(id, cancellationToken);
        var columns = new List<AthenaColumn>();
        var rows = new List<IReadOnlyList<string?>>();
        await foreach (var row in ReadRowsAsync(id, status.StatementType, columns, cancellationToken))
        {
            rows.Add(row);
        }

        return new AthenaQueryResult(id, columns, rows, status.DataScannedInBytes, status.EngineExecutionTimeInMillis);
    }

    /// <summary>Starts a query and returns its execution id. The same token (32..128 characters) returns the same id.</summary>
    public async Task<string> StartQueryAsync(string sql, string clientRequestToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        if (clientRequestToken is null || clientRequestToken.Length is < 32 or > 128)
        {
            throw new ArgumentException("a ClientRequestToken has 32 to 128 characters", nameof(clientRequestToken));
        }

        var body = new JsonObject
        {
            ["QueryString"] = sql,
            ["ClientRequestToken"] = clientRequestToken,
            ["WorkGroup"] = _options.WorkGroup,
        };
        if (_options.Database is not null || _options.Catalog is not null)
        {
            var context = new JsonObject();
            if (_options.Database is not null)
            {
                context["Database"] = _options.Database;
            }

            if (_options.Catalog is not null)
            {
                context["Catalog"] = _options.Catalog;
            }

            body["QueryExecutionContext"] = context;
        }

        if (_options.OutputLocation is not null)
        {
            body["ResultConfiguration"] = new JsonObject { ["OutputLocation"] = _options.OutputLocation };
        }

        var response = await _client.SendAsync("StartQueryExecution", body, cancellationToken);
        return (string?)response["QueryExecutionId"] ?? throw new InvalidOperationException("StartQueryExecution returned no QueryExecutionId");
    }

    /// <summary>Returns the query's current state.</summary>
    public async Task<AthenaQueryStatus> GetStatusAsync(string queryExecutionId, CancellationToken cancellationToken)
    {
        var response = await _client.SendAsync("GetQueryExecution", new JsonObject { ["QueryExecutionId"] = queryExecutionId }, cancellationToken);
        var execution = response["QueryExecution"] ?? throw new InvalidOperationException("GetQueryExecution returned no QueryExecution");
        var status = execution["Status"];
        var error = status?["AthenaError"];
        var statistics = execution["Statistics"];
        return new AthenaQueryStatus(
            queryExecutionId,
            (string?)status?["State"] ?? "UNKNOWN",
            (string?)execution["StatementType"],
            (string?)status?["StateChangeReason"] ?? (string?)error?["ErrorMessage"],
            (int?)error?["ErrorCategory"],
            (int?)error?["ErrorType"],
            (long?)statistics?["DataScannedInBytes"] ?? 0,
            (long?)statistics?["EngineExecutionTimeInMillis"] ?? 0);
    }

    /// <summary>
    /// Polls until the query finishes, waiting <see cref="AthenaClientOptions.PollInitialDelay"/> doubling to
    /// <see cref="AthenaClientOptions.PollMaxDelay"/>. Stops the query on timeout or cancellation.
    /// </summary>
    /// <exception cref="AthenaQueryException">The query ended FAILED or CANCELLED.</exception>
    public async Task<AthenaQueryStatus> WaitForCompletionAsync(string queryExecutionId, CancellationToken cancellationToken)
    {
        var clock = _options.TimeProvider;
        var started = clock.GetTimestamp();
        var delay = _options.PollInitialDelay;
        try
        {
            while (true)
            {
                var status = await GetStatusAsync(queryExecutionId, cancellationToken);
                if (status.State == "SUCCEEDED")
                {
                    return status;
                }

                if (status.IsFinal)
                {
                    throw new AthenaQueryException(queryExecutionId, status.State, status.ErrorCategory, status.ErrorType, status.StateChangeReason ?? "no reason given");
                }

                if (clock.GetElapsedTime(started) + delay > _options.QueryTimeout)
                {
                    await StopAsync(queryExecutionId);
                    throw new TimeoutException($"query {queryExecutionId} still {status.State} after {_options.QueryTimeout}; it was stopped");
                }

                await Task.Delay(delay, clock, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.PollMaxDelay.Ticks));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopAsync(queryExecutionId);
            throw;
        }
    }

    /// <summary>
    /// Reads the rows of a finished query page by page. For DML (SELECT) results Athena's first row repeats the column
    /// names; it is skipped. <paramref name="columns"/> receives the result columns when the first page arrives.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<string?>> ReadRowsAsync(
        string queryExecutionId,
        string? statementType,
        IList<AthenaColumn> columns,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        string? token = null;
        var first = true;
        do
        {
            var body = new JsonObject { ["QueryExecutionId"] = queryExecutionId, ["MaxResults"] = _options.PageSize };
            if (token is not null)
            {
                body["NextToken"] = token;
            }

            var response = await _client.SendAsync("GetQueryResults", body, cancellationToken);
            var resultSet = response["ResultSet"];
            if (first && resultSet?["ResultSetMetadata"]?["ColumnInfo"] is JsonArray info)
            {
                foreach (var c in info)
                {
                    columns.Add(new AthenaColumn((string?)c?["Name"] ?? string.Empty, (string?)c?["Type"] ?? string.Empty));
                }
            }

            var rows = resultSet?["Rows"] as JsonArray ?? [];
            for (var i = 0; i < rows.Count; i++)
            {
                if (first && i == 0 && statementType == "DML")
                {
                    continue;
                }

                var data = rows[i]?["Data"] as JsonArray ?? [];
                var values = new string?[data.Count];
                for (var j = 0; j < data.Count; j++)
                {
                    values[j] = (string?)data[j]?["VarCharValue"];
                }

                yield return values;
            }

            first = false;
            token = (string?)response["NextToken"];
        }
        while (!string.IsNullOrEmpty(token));
    }

    /// <summary>A fresh idempotency token (32 hex characters).</summary>
    public static string NewClientRequestToken() => Guid.NewGuid().ToString("N");

    private async Task StopAsync(string queryExecutionId)
    {
        try
        {
            await _client.SendAsync("StopQueryExecution", new JsonObject { ["QueryExecutionId"] = queryExecutionId }, AwsRetryOptions.None, CancellationToken.None);
        }
        catch (AwsServiceException)
        {
            // Best effort: the query ends on its own; the caller already has the reason it was abandoned.
        }
    }
}

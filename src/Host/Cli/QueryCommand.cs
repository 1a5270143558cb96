using System.CommandLine;
using System.Text.Json;
using Etl.Aws;
using Etl.Catalog.Athena;

namespace Etl.Host.Cli;

/// <summary>
/// `etl query "SQL" [--database DB] [--workgroup WG] [--output s3://...]`: runs a query through Athena (AWS mode;
/// AWS_ENDPOINT_URL_ATHENA points it elsewhere) and prints the result as JSON: columns, rows, bytes scanned.
/// Exit 1 when the query fails (Athena's category and reason on stderr), 2 for invalid arguments.
/// </summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var sql = new Argument<string>("sql") { Description = "The SQL statement" };
        var database = new Option<string?>("--database") { Description = "Database the query runs in" };
        var workgroup = new Option<string>("--workgroup") { Description = "Athena workgroup (default primary)", DefaultValueFactory = _ => "primary" };
        var output = new Option<string?>("--output") { Description = "S3 location for results (default: the workgroup's)" };
        var command = new Command("query", "Run a query through Athena and print the rows as JSON") { sql, database, workgroup, output };
        command.SetAction(async (parse, token) =>
        {
            var client = new AthenaClient(
                new AwsJsonClient(AwsServiceEndpoint.Athena()),
                new AthenaClientOptions { Database = parse.GetValue(database), WorkGroup = parse.GetValue(workgroup)!, OutputLocation = parse.GetValue(output) });
            try
            {
                var result = await client.QueryAsync(parse.GetValue(sql)!, token);
                var json = new
                {
                    queryExecutionId = result.QueryExecutionId,
                    columns = result.Columns.Select(c => new { name = c.Name, type = c.Type }),
                    rows = result.Rows,
                    dataScannedInBytes = result.DataScannedInBytes,
                    engineExecutionTimeInMillis = result.EngineExecutionTimeInMillis,
                };
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(json));
                return 0;
            }
            catch (AthenaQueryException e)
            {
                await Console.Error.WriteLineAsync("etl query: " + e.Message);
                return 1;
            }
            catch (AwsServiceException e)
            {
                await Console.Error.WriteLineAsync($"etl query: {e.Operation}: {e.ErrorCode}: {e.ServiceMessage}");
                return e.StatusCode is >= System.Net.HttpStatusCode.BadRequest and < System.Net.HttpStatusCode.InternalServerError ? 2 : 1;
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync("etl query: " + e.Message);
                return 2;
            }
        });
        return command;
    }
}

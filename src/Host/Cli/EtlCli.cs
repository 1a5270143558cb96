using System.CommandLine;

namespace Etl.Host.Cli;

/// <summary>
/// The `etl` command line (a contract: names and outputs stay stable). With no command, or with only configuration
/// arguments (<c>--Etl:Demo:MaxRecords=100</c>), it runs the service. Exit codes: 0 success, 1 a negative result
/// (incompatible schema, failed check), 2 invalid input (bad arguments, unreadable files, invalid configuration).
/// </summary>
public static class EtlCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || (args[0].StartsWith("--", StringComparison.Ordinal) && args[0].Contains(':', StringComparison.Ordinal)))
        {
            return await RunCommand.RunServiceAsync(args, configFile: null);
        }

        var root = new RootCommand("etl: Kinesis streams into governed, queryable Parquet tables")
        {
            RunCommand.Create(),
            ConvertCommand.Create(),
            SchemaCommands.Create(),
            InspectCommands.Create(),
            ProduceCommand.Create(),
            DeadLetterCommands.Create(),
            QueryCommand.Create(),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            return 2;
        }

        return await parsed.InvokeAsync();
    }
}

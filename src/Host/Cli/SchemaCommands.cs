using System.CommandLine;
using Etl.SchemaGovernance.Compatibility;

namespace Etl.Host.Cli;

/// <summary>`etl schema ...`: compatibility checks on files, and the registry operations of the admin API.</summary>
internal static class SchemaCommands
{
    public static Command Create()
    {
        var schema = new Command("schema", "Check, register and browse schema versions");
        schema.Subcommands.Add(Compat());
        foreach (var command in SchemaRegistryCommands.Create())
        {
            schema.Subcommands.Add(command);
        }

        return schema;
    }

    /// <summary>`etl schema compat --format avro|json --mode MODE --new FILE [--existing FILE ...] [--policy strict|lenient]`.</summary>
    private static Command Compat()
    {
        var format = new Option<string>("--format") { Description = "avro or json", Required = true };
        var mode = new Option<string>("--mode") { Description = "NONE, DISABLED, BACKWARD, BACKWARD_ALL, FORWARD, FORWARD_ALL, FULL or FULL_ALL", Required = true };
        var candidate = new Option<string>("--new") { Description = "The candidate schema file", Required = true };
        var existing = new Option<string[]>("--existing") { Description = "Existing versions, oldest first (repeat the option)", DefaultValueFactory = _ => [] };
        var policy = new Option<string?>("--policy") { Description = "JSON Schema policy: strict (default) or lenient" };
        var command = new Command("compat", "Check a candidate schema against existing versions under a compatibility mode")
        {
            format, mode, candidate, existing, policy,
        };
        command.SetAction(parse => SchemaCompatCommand.Run(
            parse.GetValue(format)!,
            parse.GetValue(mode)!,
            parse.GetValue(candidate)!,
            parse.GetValue(existing) ?? [],
            Console.Out,
            Console.Error,
            parse.GetValue(policy)));
        return command;
    }
}

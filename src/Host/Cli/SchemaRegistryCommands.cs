using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Etl.Host.Governance;
using Etl.Host.Pipelines;
using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry;

namespace Etl.Host.Cli;

/// <summary>`etl schema register|list|show|diff`: the admin API's registry operations, on the local folder registry.</summary>
internal static class SchemaRegistryCommands
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly Option<string> DataRoot = new("--data-root") { Description = "The local data folder (default: data)", DefaultValueFactory = _ => "data" };
    private static readonly Option<string> RegistryName = new("--registry") { Description = "The registry (default: default)", DefaultValueFactory = _ => "default" };

    private static readonly Option<string> RegistryType = RegistryTypeOption();

    /// <summary><c>--registry-type folder|glue</c>, as <c>Etl:Registry:Type</c>.</summary>
    internal static Option<string> RegistryTypeOption()
    {
        var option = new Option<string>("--registry-type")
        {
            Description = "folder (default: under --data-root) or glue (the AWS Glue Schema Registry; AWS_REGION, AWS_ENDPOINT_URL_GLUE)",
            DefaultValueFactory = _ => "folder",
        };
        option.AcceptOnlyFromAmong("folder", "glue");
        return option;
    }

    /// <summary>The <see cref="SchemaRegistries"/> type named by <c>--registry-type</c>.</summary>
    internal static string TypeOf(string option) => option == "glue" ? SchemaRegistries.Glue : SchemaRegistries.Folder;

    public static IEnumerable<Command> Create()
    {
        yield return Register();
        yield return List();
        yield return Show();
        yield return Diff();
    }

    private static Command Register()
    {
        var name = new Option<string>("--schema") { Description = "The schema name", Required = true };
        var format = new Option<string>("--format") { Description = "avro or json", Required = true };
        format.AcceptOnlyFromAmong("avro", "json", "AVRO", "JSON");
        var file = new Option<string>("--file") { Description = "The definition file", Required = true };
        var mode = new Option<string?>("--mode") { Description = "Compatibility mode of a new schema (default BACKWARD)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only check: print the compatibility report and the table impact" };
        var command = new Command("register", "Register a schema version (creates the schema on first use)") { name, format, file, mode, dryRun, DataRoot, RegistryName, RegistryType };
        command.SetAction((parse, token) => WithServiceAsync(parse, async service =>
        {
            var definition = await File.ReadAllTextAsync(parse.GetValue(file)!, token);
            if (parse.GetValue(dryRun))
            {
                var report = await service.DryRunAsync(parse.GetValue(name)!, definition, token);
                await PrintAsync(report);
                return report.Safe ? 0 : 1;
            }

            CompatibilityMode? compatibility = null;
            if (parse.GetValue(mode) is { } m)
            {
                if (!CompatibilityModes.TryParse(m, out var parsed))
                {
                    throw new SchemaRegistryException(SchemaRegistryErrorCode.InvalidInput, $"unknown mode '{m}'; expected one of {string.Join(", ", CompatibilityModes.GlueNames)}");
                }

                compatibility = parsed;
            }

            var result = await service.RegisterAsync(parse.GetValue(name)!, parse.GetValue(format)!, definition, compatibility, token);
            await PrintAsync(result);
            return result.Status == SchemaVersionStatus.Available ? 0 : 1;
        }));
        return command;
    }

    private static Command List()
    {
        var name = new Option<string?>("--schema") { Description = "List this schema's versions instead of the schemas" };
        var command = new Command("list", "List schemas, or one schema's versions") { name, DataRoot, RegistryName, RegistryType };
        command.SetAction((parse, token) => WithServiceAsync(parse, async service =>
        {
            if (parse.GetValue(name) is { } schema)
            {
                var versions = await service.Registry.ListSchemaVersionsAsync(service.Id(schema), token);
                await PrintAsync(versions.Select(v => new { v.VersionNumber, v.SchemaVersionId, v.Status, v.CreatedTime }));
            }
            else
            {
                await PrintAsync(await service.Registry.ListSchemasAsync(service.RegistryName, token));
            }

            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var name = new Option<string>("--schema") { Description = "The schema name", Required = true };
        var version = new Option<long?>("--version") { Description = "The version number (default: latest)" };
        var command = new Command("show", "Show a schema version with its definition") { name, version, DataRoot, RegistryName, RegistryType };
        command.SetAction((parse, token) => WithServiceAsync(parse, async service =>
        {
            var id = service.Id(parse.GetValue(name)!);
            var reference = parse.GetValue(version) is { } n ? SchemaVersionReference.ByNumber(id, n) : SchemaVersionReference.Latest(id);
            await PrintAsync(await service.Registry.GetSchemaVersionAsync(reference, token));
            return 0;
        }));
        return command;
    }

    private static Command Diff()
    {
        var name = new Option<string>("--schema") { Description = "The schema name", Required = true };
        var from = new Option<long>("--from") { Description = "The older version", Required = true };
        var to = new Option<long>("--to") { Description = "The newer version", Required = true };
        var command = new Command("diff", "Compare two versions: compatibility both ways and the column changes") { name, from, to, DataRoot, RegistryName, RegistryType };
        command.SetAction((parse, token) => WithServiceAsync(parse, async service =>
        {
            await PrintAsync(await service.DiffAsync(parse.GetValue(name)!, parse.GetValue(from), parse.GetValue(to), token));
            return 0;
        }));
        return command;
    }

    private static async Task<int> WithServiceAsync(ParseResult parse, Func<SchemaGovernanceService, Task<int>> action)
    {
        var registry = SchemaRegistries.Create(TypeOf(parse.GetValue(RegistryType)!), parse.GetValue(DataRoot)!, null, TimeProvider.System);
        using var ownedRegistry = registry as IDisposable;
        try
        {
            return await action(new SchemaGovernanceService(registry, parse.GetValue(RegistryName)!));
        }
        catch (SchemaRegistryException e)
        {
            await Console.Error.WriteLineAsync($"etl schema: {e.Code}: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SchemaDefinitionException or ArgumentException)
        {
            await Console.Error.WriteLineAsync("etl schema: " + e.Message);
            return 2;
        }
    }

    private static Task PrintAsync<T>(T value) => Console.Out.WriteLineAsync(JsonSerializer.Serialize(value, Json));
}

using System.CommandLine;
using System.Text.Json;
using Etl.Core.Records;
using Etl.Host.Configuration;
using Etl.Host.DeadLetters;
using Etl.Host.Pipelines;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Host.Cli;

/// <summary>
/// `etl deadletter list [--table T] [--reason KIND]`, `etl deadletter show KEY` and
/// `etl deadletter replay --table T [--reason KIND] [--key KEY ...]`, each with `[--data-root DIR] [--config FILE]`
/// and configuration arguments. Output is JSON on standard output; exit code 2 for invalid input.
/// </summary>
internal static class DeadLetterCommands
{
    public static Command Create()
    {
        var command = new Command("deadletter", "List, show and replay dead-lettered records");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Replay());
        return command;
    }

    private static Command List()
    {
        var table = new Option<string?>("--table") { Description = "Only this table's dead letters" };
        var reason = ReasonOption();
        var (dataRoot, config) = CommonOptions();
        var command = new Command("list", "Dead-letter objects with record counts by reason kind and arrival range, as JSON") { table, reason, dataRoot, config };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, token) => GuardAsync("list", async () =>
        {
            var options = EtlOptionsLoader.Load(parse.GetValue(config), parse.UnmatchedTokens, parse.GetValue(dataRoot));
            await using var stdout = Console.OpenStandardOutput();
            return await ListAsync(options, parse.GetValue(table), ParseReason(parse.GetValue(reason)), stdout, token);
        }));
        return command;
    }

    private static Command Show()
    {
        var key = new Argument<string>("key") { Description = "The dead-letter object's key, e.g. deadletter/ticker/dt=2026-11-21-08/shard-1-0.jsonl" };
        var (dataRoot, config) = CommonOptions();
        var command = new Command("show", "The envelopes of one dead-letter object as JSON (raw data as text when it is UTF-8, else base64)") { key, dataRoot, config };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, token) => GuardAsync("show", async () =>
        {
            var options = EtlOptionsLoader.Load(parse.GetValue(config), parse.UnmatchedTokens, parse.GetValue(dataRoot));
            await using var stdout = Console.OpenStandardOutput();
            return await ShowAsync(options, parse.GetValue(key)!, stdout, token);
        }));
        return command;
    }

    private static Command Replay()
    {
        var table = new Option<string>("--table") { Description = "The table whose dead letters to replay", Required = true };
        var reason = ReasonOption();
        var keys = new Option<string[]>("--key") { Description = "Replay only these objects (repeatable)", AllowMultipleArgumentsPerToken = true };
        var (dataRoot, config) = CommonOptions();
        var command = new Command("replay", "Re-run dead-letter objects through the current schema, exactly once (object granularity)")
        {
            table, reason, keys, dataRoot, config,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, token) => GuardAsync("replay", async () =>
        {
            var options = EtlOptionsLoader.Load(parse.GetValue(config), parse.UnmatchedTokens, parse.GetValue(dataRoot));
            var request = new ReplayRequest(parse.GetValue(table)!, ParseReason(parse.GetValue(reason)), parse.GetValue(keys) ?? []);
            await using var stdout = Console.OpenStandardOutput();
            return await ReplayAsync(options, request, TimeProvider.System, stdout, token);
        }));
        return command;
    }

    /// <summary>Writes the dead-letter objects (optionally of one table, holding one reason kind) as JSON.</summary>
    internal static async Task<int> ListAsync(EtlOptions options, string? table, DeadLetterKind? reason, Stream output, CancellationToken token)
    {
        await using var environment = DeadLetterEnvironment.Open(options, TimeProvider.System);
        var objects = new List<DeadLetterObjectSummary>();
        foreach (var (store, root) in environment.Roots)
        {
            objects.AddRange(await DeadLetterInventory.ListAsync(store, table is null ? root : root + table + "/", reason, token));
        }

        DeadLetterJson.WriteList(output, objects);
        output.WriteByte((byte)'\n');
        return 0;
    }

    /// <summary>Writes the envelopes of one object as JSON; 2 when it does not exist.</summary>
    internal static async Task<int> ShowAsync(EtlOptions options, string key, Stream output, CancellationToken token)
    {
        await using var environment = DeadLetterEnvironment.Open(options, TimeProvider.System);
        IReadOnlyList<DeadLetterRecord>? envelopes = null;
        foreach (var store in environment.Roots.Where(r => key.StartsWith(r.Prefix, StringComparison.Ordinal)).Select(r => r.Store).Distinct())
        {
            envelopes ??= await DeadLetterInventory.ReadAsync(store, key, token);
        }

        if (envelopes is null)
        {
            throw new ArgumentException(
                $"dead-letter object '{key}' does not exist under {string.Join(", ", environment.Roots.Select(r => r.Store.Location + r.Prefix))}");
        }

        DeadLetterJson.WriteShow(output, key, envelopes);
        output.WriteByte((byte)'\n');
        return 0;
    }

    /// <summary>Replays and writes the summary as JSON.</summary>
    internal static async Task<int> ReplayAsync(EtlOptions options, ReplayRequest request, TimeProvider time, Stream output, CancellationToken token)
    {
        var summary = await new DeadLetterReplayer(options, time, NullLoggerFactory.Instance).ReplayAsync(request, token);
        await JsonSerializer.SerializeAsync(output, new Dictionary<string, object>
        {
            ["table"] = summary.Table,
            ["schemaVersion"] = summary.SchemaVersion,
            ["objectsSelected"] = summary.ObjectsSelected,
            ["objectsReplayed"] = summary.ObjectsReplayed,
            ["objectsAlreadyReplayed"] = summary.ObjectsAlreadyReplayed,
            ["rowsWritten"] = summary.RowsWritten,
            ["stillDeadLettered"] = summary.StillDeadLettered,
        }, cancellationToken: token);
        output.WriteByte((byte)'\n');
        return 0;
    }

    private static Option<string?> ReasonOption() => new("--reason")
    {
        Description = "Only objects holding at least one record of this reason kind (" + string.Join(", ", Enum.GetNames<DeadLetterKind>()) + ")",
    };

    private static (Option<string?> DataRoot, Option<string?> Config) CommonOptions() => (
        new Option<string?>("--data-root") { Description = "The local data root (default: Etl:DataRoot)" },
        new Option<string?>("--config") { Description = "A JSON configuration file (appsettings format) read after appsettings.json" });

    private static DeadLetterKind? ParseReason(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return Enum.TryParse<DeadLetterKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new ArgumentException($"--reason: '{text}' is not a reason kind ({string.Join(", ", Enum.GetNames<DeadLetterKind>())})");
    }

    private static async Task<int> GuardAsync(string name, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ServiceHost.ConfigurationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"etl deadletter {name}: {e.Message}");
            return e is InvalidOperationException ? 1 : 2;
        }
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using Etl.SchemaGovernance.Compatibility.Json;

namespace Etl.SchemaGovernance.Compatibility;

/// <summary>
/// The logic of <c>etl schema compat --format avro|json --mode MODE --new FILE [--existing FILE ...] [--policy strict|lenient]</c>.
/// Existing versions are given oldest first and numbered 1..n; the whole history is checked (checkpoint 1). Prints one JSON
/// object <c>{"compatible":bool,"mode":"...","messages":[{"version":n,"path":"...","kind":"...","message":"..."}]}</c> on
/// stdout. Exit codes: 0 compatible, 1 incompatible, 2 invalid input (message on stderr, nothing on stdout).
/// </summary>
public static class SchemaCompatCommand
{
    public const int ExitCompatible = 0;
    public const int ExitIncompatible = 1;
    public const int ExitInvalidInput = 2;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Runs the check with the STRICT JSON policy.</summary>
    public static int Run(string format, string mode, string newFile, IReadOnlyList<string> existingFiles, TextWriter stdout, TextWriter stderr) =>
        Run(format, mode, newFile, existingFiles, stdout, stderr, policy: null);

    /// <summary>Runs the check; <paramref name="policy"/> is <c>strict</c> (default when null) or <c>lenient</c>, JSON only.</summary>
    public static int Run(string format, string mode, string newFile, IReadOnlyList<string> existingFiles, TextWriter stdout, TextWriter stderr,
        string? policy)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        existingFiles ??= [];
        if (!PairwiseCheckerFactory.IsKnownFormat(format))
        {
            return Invalid(stderr, $"Unknown format '{format}'; expected avro or json.");
        }

        if (!CompatibilityModes.TryParse(mode, out var compatibilityMode))
        {
            return Invalid(stderr, $"Unknown mode '{mode}'; expected one of {string.Join(", ", CompatibilityModes.GlueNames)}.");
        }

        if (!TryParsePolicy(policy, out var jsonPolicy))
        {
            return Invalid(stderr, $"Unknown policy '{policy}'; expected strict or lenient.");
        }

        if (jsonPolicy == JsonCompatibilityPolicy.Lenient && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Invalid(stderr, "The lenient policy applies to JSON Schema only.");
        }

        var checker = PairwiseCheckerFactory.Create(format, jsonPolicy);

        if (!TryLoad(newFile, checker, stderr, out var newDefinition))
        {
            return ExitInvalidInput;
        }

        var history = new List<SchemaVersionDefinition>(existingFiles.Count);
        for (var i = 0; i < existingFiles.Count; i++)
        {
            if (!TryLoad(existingFiles[i], checker, stderr, out var definition))
            {
                return ExitInvalidInput;
            }

            history.Add(new SchemaVersionDefinition(i + 1, definition));
        }

        CompatibilityReport report;
        try
        {
            report = new CompatibilityEngine(checker).Check(compatibilityMode, newDefinition, history);
        }
        catch (SchemaDefinitionException e)
        {
            return Invalid(stderr, e.Message);
        }

        stdout.WriteLine(ToJson(report));
        return report.IsCompatible ? ExitCompatible : ExitIncompatible;
    }

    /// <summary>The report as the command prints it.</summary>
    public static string ToJson(CompatibilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("compatible", report.IsCompatible);
            writer.WriteString("mode", report.Mode.ToGlueName());
            writer.WriteStartArray("messages");
            foreach (var issue in report.Issues)
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", issue.Version);
                writer.WriteString("path", issue.Path);
                writer.WriteString("kind", issue.Kind);
                writer.WriteString("message", issue.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static bool TryParsePolicy(string? policy, out JsonCompatibilityPolicy parsed)
    {
        parsed = JsonCompatibilityPolicy.Strict;
        if (policy is null || string.Equals(policy, "strict", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(policy, "lenient", StringComparison.OrdinalIgnoreCase))
        {
            parsed = JsonCompatibilityPolicy.Lenient;
            return true;
        }

        return false;
    }

    private static bool TryLoad(string? path, IPairwiseChecker checker, TextWriter stderr, out string definition)
    {
        definition = string.Empty;
        if (string.IsNullOrWhiteSpace(path))
        {
            Invalid(stderr, "A schema file name is missing.");
            return false;
        }

        try
        {
            definition = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Invalid(stderr, e is FileNotFoundException or DirectoryNotFoundException
                ? $"Schema file '{path}' does not exist."
                : $"Schema file '{path}' cannot be read: {e.Message}");
            return false;
        }

        try
        {
            checker.Validate(definition);
            return true;
        }
        catch (SchemaDefinitionException e)
        {
            Invalid(stderr, $"Schema file '{path}' is not a valid {checker.DataFormat} schema: {e.Message}");
            return false;
        }
    }

    private static int Invalid(TextWriter stderr, string message)
    {
        stderr.WriteLine(message);
        return ExitInvalidInput;
    }
}

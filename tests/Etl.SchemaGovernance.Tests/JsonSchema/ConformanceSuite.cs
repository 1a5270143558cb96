using System.Collections.Concurrent;
using System.Text.Json;
using Etl.SchemaGovernance.JsonSchema;
using Etl.TestSupport;

namespace Etl.SchemaGovernance.Tests.JsonSchema;

/// <summary>
/// Reads the JSON-Schema-Test-Suite from the shared conformance folder. Remote references to
/// http://localhost:1234/ are served from the suite's remotes/ folder on disk.
/// </summary>
internal static class ConformanceSuite
{
    private const string RemoteBase = "http://localhost:1234/";

    private static readonly ConcurrentDictionary<string, JsonElement> Files = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchemaValidator>> Validators = new(StringComparer.Ordinal);

    public static string Root => Path.Combine(RepoPaths.Shared, "conformance", "json-schema-test-suite");

    public static JsonSchemaCompileOptions Options(JsonSchemaDraft draft) => new()
    {
        DefaultDraft = draft,
        ResolveDocument = ResolveRemote,
    };

    /// <summary>One row per test in the given files: relative file path, group index, test index, description.</summary>
    public static IEnumerable<object[]> Cases(string draftFolder, IEnumerable<string> relativeFiles)
    {
        foreach (var file in relativeFiles)
        {
            var groups = Load(Path.Combine(draftFolder, file));
            for (var g = 0; g < groups.GetArrayLength(); g++)
            {
                var tests = groups[g].GetProperty("tests");
                for (var t = 0; t < tests.GetArrayLength(); t++)
                {
                    yield return [file, g, t, groups[g].GetProperty("description").GetString() + " / " + tests[t].GetProperty("description").GetString()];
                }
            }
        }
    }

    public static IEnumerable<string> RequiredFiles(string draftFolder) =>
        Directory.EnumerateFiles(Path.Combine(Root, "tests", draftFolder), "*.json")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!;

    /// <summary>Runs one case; returns (expected, actual, reason) so the test can assert with a useful message.</summary>
    public static (bool Expected, bool Actual, string Detail) Run(string draftFolder, JsonSchemaDraft draft, string file, int group, int test)
    {
        var groups = Load(Path.Combine(draftFolder, file));
        var schema = groups[group].GetProperty("schema");
        var testCase = groups[group].GetProperty("tests")[test];
        var validator = Validators.GetOrAdd(
            $"{draftFolder}/{file}#{group}",
            _ => new Lazy<JsonSchemaValidator>(() => JsonSchemaValidator.Compile(schema.GetRawText(), Options(draft)))).Value;
        var data = JsonSerializer.SerializeToUtf8Bytes(testCase.GetProperty("data"));
        var reason = validator.Validate(data);
        return (testCase.GetProperty("valid").GetBoolean(), reason is null, reason?.ToString() ?? "valid");
    }

    private static JsonElement Load(string relative) =>
        Files.GetOrAdd(relative, r =>
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "tests", r)));
            return document.RootElement.Clone();
        });

    private static string? ResolveRemote(Uri uri)
    {
        var text = uri.AbsoluteUri;
        if (!text.StartsWith(RemoteBase, StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(Root, "remotes", text[RemoteBase.Length..].Replace('/', Path.DirectorySeparatorChar));
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }
}

using System.Text.Json;
using Etl.SchemaGovernance.Compatibility;

namespace Etl.SchemaGovernance.Tests.Compatibility;

public sealed class SchemaCompatCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "etl-compat-cli-tests", Guid.NewGuid().ToString("N"));

    public SchemaCompatCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Run_compatible_change_exits_0_with_exact_shape()
    {
        var v1 = Write("v1.json", """{"type":"object","properties":{"n":{"type":"integer"}}}""");
        var next = Write("new.json", """{"type":"object","properties":{"n":{"type":"number"}}}""");

        var (code, stdout, stderr) = Run("json", "BACKWARD", next, [v1]);

        Assert.Equal(0, code);
        Assert.Equal("""{"compatible":true,"mode":"BACKWARD","messages":[]}""", stdout.TrimEnd());
        Assert.Empty(stderr);
    }

    [Fact]
    public void Run_incompatible_change_exits_1_with_version_path_kind_and_message()
    {
        var v1 = Write("v1.json", """{"type":"object","properties":{"n":{"type":"number"},"s":{"type":"string"}}}""");
        var v2 = Write("v2.json", """{"type":"object","description":"orders","properties":{"n":{"type":"number"},"s":{"type":"string"}}}""");
        var next = Write("new.json", """{"type":"object","properties":{"n":{"type":"integer"},"s":{"type":"string"}}}""");

        var (code, stdout, _) = Run("JSON", "backward_all", next, [v1, v2]);

        Assert.Equal(1, code);
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        Assert.Equal(["compatible", "mode", "messages"], root.EnumerateObject().Select(p => p.Name));
        Assert.False(root.GetProperty("compatible").GetBoolean());
        Assert.Equal("BACKWARD_ALL", root.GetProperty("mode").GetString());
        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal([2L, 1L], messages.Select(m => m.GetProperty("version").GetInt64()));
        foreach (var message in messages)
        {
            Assert.Equal(["version", "path", "kind", "message"], message.EnumerateObject().Select(p => p.Name));
            Assert.Equal("#/properties/n/type", message.GetProperty("path").GetString());
            Assert.Equal("TYPE_NARROWED", message.GetProperty("kind").GetString());
            Assert.False(string.IsNullOrWhiteSpace(message.GetProperty("message").GetString()));
        }
    }

    [Fact]
    public void Run_lenient_policy_accepts_optional_property_on_open_model_that_strict_refuses()
    {
        var v1 = Write("v1.json", """{"type":"object"}""");
        var next = Write("new.json", """{"type":"object","properties":{"note":{"type":"string"}}}""");

        var strict = Run("json", "BACKWARD", next, [v1]);
        var lenient = Run("json", "BACKWARD", next, [v1], "lenient");

        Assert.Equal(1, strict.Code);
        Assert.Contains("OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", strict.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, lenient.Code);
    }

    [Fact]
    public void Run_disabled_with_an_existing_version_exits_1_and_without_exits_0()
    {
        var v1 = Write("v1.json", """{"type":"string"}""");

        var withHistory = Run("json", "DISABLED", v1, [v1]);
        var first = Run("json", "DISABLED", v1, []);

        Assert.Equal(1, withHistory.Code);
        Assert.Contains("\"kind\":\"VERSIONING_DISABLED\"", withHistory.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, first.Code);
    }

    [Fact]
    public void Run_none_with_unrelated_schema_exits_0()
    {
        var v1 = Write("v1.json", """{"type":"string"}""");
        var next = Write("new.json", """{"type":"integer"}""");

        Assert.Equal(0, Run("json", "NONE", next, [v1]).Code);
    }

    [Fact]
    public void Run_missing_file_exits_2_with_message_on_stderr_only()
    {
        var next = Write("new.json", """{"type":"string"}""");

        var (code, stdout, stderr) = Run("json", "BACKWARD", next, [Path.Combine(_folder, "absent.json")]);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("absent.json", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":", "new.json")]
    [InlineData("{\"type\":\"text\"}", "new.json")]
    [InlineData("[1,2]", "new.json")]
    public void Run_unparsable_schema_exits_2_naming_the_file(string content, string name)
    {
        var v1 = Write("v1.json", """{"type":"string"}""");
        var next = Write(name, content);

        var (code, stdout, stderr) = Run("json", "FULL", next, [v1]);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(name, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_unparsable_existing_schema_exits_2_even_in_mode_none()
    {
        var bad = Write("v1.json", "not json");
        var next = Write("new.json", """{"type":"string"}""");

        Assert.Equal(2, Run("json", "NONE", next, [bad]).Code);
    }

    [Theory]
    [InlineData("json", "TRANSITIVE", null)]
    [InlineData("protobuf", "BACKWARD", null)]
    [InlineData("json", "BACKWARD", "loose")]
    public void Run_unknown_mode_format_or_policy_exits_2(string format, string mode, string? policy)
    {
        var next = Write("new.json", """{"type":"string"}""");

        var (code, stdout, stderr) = Run(format, mode, next, [], policy);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.NotEmpty(stderr);
    }

    [Fact]
    public void Run_avro_field_added_without_default_exits_1_and_with_default_exits_0()
    {
        var v1 = Write("v1.avsc", """{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}""");
        var noDefault = Write("a.avsc", """{"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"qty","type":"int"}]}""");
        var withDefault = Write("b.avsc", """{"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"qty","type":"int","default":0}]}""");

        var refused = Run("avro", "BACKWARD", noDefault, [v1]);
        var accepted = Run("avro", "BACKWARD", withDefault, [v1]);

        Assert.Equal(1, refused.Code);
        using var document = JsonDocument.Parse(refused.Stdout);
        var message = Assert.Single(document.RootElement.GetProperty("messages").EnumerateArray());
        Assert.Equal(1, message.GetProperty("version").GetInt64());
        Assert.Equal(0, accepted.Code);
    }

    [Fact]
    public void Run_avro_with_lenient_policy_exits_2()
    {
        var v1 = Write("v1.avsc", "\"string\"");

        Assert.Equal(2, Run("avro", "BACKWARD", v1, [], "lenient").Code);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Code, string Stdout, string Stderr) Run(string format, string mode, string newFile, IReadOnlyList<string> existing, string? policy = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = SchemaCompatCommand.Run(format, mode, newFile, existing, stdout, stderr, policy);
        return (code, stdout.ToString(), stderr.ToString());
    }
}

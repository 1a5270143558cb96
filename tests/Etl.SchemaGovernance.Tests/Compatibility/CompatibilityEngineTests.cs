using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Compatibility.Json;

namespace Etl.SchemaGovernance.Tests.Compatibility;

public sealed class CompatibilityEngineTests
{
    // Toy history: v1 has a; v2 has a,b; v3 has b. A reader needs all its fields in the data.
    private static readonly SchemaVersionDefinition[] History =
    [
        new(1, "a"),
        new(2, "a,b"),
        new(3, "b"),
    ];

    [Fact]
    public void Check_none_with_breaking_change_is_compatible_and_checks_nothing()
    {
        var fake = new FakePairwiseChecker();
        var report = new CompatibilityEngine(fake).Check(CompatibilityMode.None, "z", History);

        Assert.True(report.IsCompatible);
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public void Check_disabled_first_version_is_allowed()
    {
        var report = new CompatibilityEngine(new FakePairwiseChecker()).Check(CompatibilityMode.Disabled, "a", []);

        Assert.True(report.IsCompatible);
    }

    [Fact]
    public void Check_disabled_after_first_version_is_refused_against_latest()
    {
        var report = new CompatibilityEngine(new FakePairwiseChecker()).Check(CompatibilityMode.Disabled, "b", History);

        var issue = Assert.Single(report.Issues);
        Assert.Equal(CompatibilityEngine.VersioningDisabled, issue.Kind);
        Assert.Equal(3, issue.Version);
    }

    [Fact]
    public void Check_backward_compares_only_latest()
    {
        var fake = new FakePairwiseChecker();
        // "b" reads v3 (b) but not v1 (a): BACKWARD looks at v3 only.
        var report = new CompatibilityEngine(fake).Check(CompatibilityMode.Backward, "b", History);

        Assert.True(report.IsCompatible);
        Assert.Equal([("b", "b")], fake.Calls);
    }

    [Fact]
    public void Check_backward_all_reports_each_broken_version()
    {
        var report = new CompatibilityEngine(new FakePairwiseChecker()).Check(CompatibilityMode.BackwardAll, "b", History);

        var issue = Assert.Single(report.Issues);
        Assert.Equal(1, issue.Version);
        Assert.Equal("FIELD_MISSING", issue.Kind);
        Assert.Equal("/fields/b", issue.Path);
        Assert.Equal(CompatibilityDirection.Backward, issue.Direction);
        Assert.Contains("version 1", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_backward_all_with_checkpoint_ignores_versions_below_it()
    {
        var fake = new FakePairwiseChecker();
        var report = new CompatibilityEngine(fake).Check(CompatibilityMode.BackwardAll, "b", History, checkpoint: 2);

        Assert.True(report.IsCompatible);
        Assert.Equal(["b", "a,b"], fake.Calls.Select(c => c.Writer));
    }

    [Fact]
    public void Check_forward_makes_latest_the_reader()
    {
        var fake = new FakePairwiseChecker();
        // v3 (b) reading the new writer "a": b is missing.
        var report = new CompatibilityEngine(fake).Check(CompatibilityMode.Forward, "a", History);

        var issue = Assert.Single(report.Issues);
        Assert.Equal(3, issue.Version);
        Assert.Equal(CompatibilityDirection.Forward, issue.Direction);
        Assert.Equal([("b", "a")], fake.Calls);
    }

    [Fact]
    public void Check_forward_all_checks_every_version_newest_first()
    {
        var fake = new FakePairwiseChecker();
        var report = new CompatibilityEngine(fake).Check(CompatibilityMode.ForwardAll, "a", History);

        Assert.Equal([3L, 2L], report.Issues.Select(i => i.Version));
        Assert.Equal(["b", "a,b", "a"], fake.Calls.Select(c => c.Reader));
    }

    [Fact]
    public void Check_full_reports_both_directions_against_latest()
    {
        var report = new CompatibilityEngine(new FakePairwiseChecker()).Check(CompatibilityMode.Full, "c", History);

        Assert.Equal(2, report.Issues.Count);
        Assert.Contains(report.Issues, i => i.Direction == CompatibilityDirection.Backward && i.Path == "/fields/c" && i.Version == 3);
        Assert.Contains(report.Issues, i => i.Direction == CompatibilityDirection.Forward && i.Path == "/fields/b" && i.Version == 3);
    }

    [Fact]
    public void Check_full_all_with_checkpoint_checks_window_both_ways()
    {
        var fake = new FakePairwiseChecker();
        var report = new CompatibilityEngine(fake).Check(CompatibilityMode.FullAll, "b", History, checkpoint: 2);

        // v3 (b) both ways fine; v2 (a,b): new "b" reads it, but v2 needs a, which "b" lacks.
        var issue = Assert.Single(report.Issues);
        Assert.Equal(2, issue.Version);
        Assert.Equal(CompatibilityDirection.Forward, issue.Direction);
        Assert.Equal(4, fake.Calls.Count);
    }

    [Fact]
    public void Check_invalid_new_definition_throws()
    {
        Assert.Throws<SchemaDefinitionException>(() =>
            new CompatibilityEngine(new FakePairwiseChecker()).Check(CompatibilityMode.None, "a|invalid", History));
    }

    [Fact]
    public void Check_json_backward_all_three_versions_reports_version_and_path()
    {
        var v1 = """{"type":"object","properties":{"n":{"type":"integer"}}}""";
        var v2 = """{"type":"object","properties":{"n":{"type":"number"}}}""";
        var engine = new CompatibilityEngine(new JsonSchemaPairwiseChecker());

        // Narrowing back to integer reads v1's data but not v2's.
        var report = engine.Check(CompatibilityMode.BackwardAll, v1, [new(1, v1), new(2, v2)]);

        var issue = Assert.Single(report.Issues);
        Assert.Equal(2, issue.Version);
        Assert.Equal("#/properties/n/type", issue.Path);
        Assert.Equal(JsonDifferenceKinds.TypeNarrowed, issue.Kind);
    }

    [Theory]
    [InlineData("backward_all", CompatibilityMode.BackwardAll)]
    [InlineData("FULL", CompatibilityMode.Full)]
    [InlineData("disabled", CompatibilityMode.Disabled)]
    public void TryParse_glue_name_any_case_parses(string name, CompatibilityMode expected)
    {
        Assert.True(CompatibilityModes.TryParse(name, out var mode));
        Assert.Equal(expected, mode);
        Assert.Equal(name.ToUpperInvariant(), mode.ToGlueName());
    }

    [Theory]
    [InlineData("TRANSITIVE")]
    [InlineData("BACKWARD_TRANSITIVE")]
    [InlineData("")]
    public void TryParse_unknown_name_fails(string name)
    {
        Assert.False(CompatibilityModes.TryParse(name, out _));
    }

    [Fact]
    public void Check_json_forward_all_history_reports_each_old_reader_that_breaks()
    {
        // v1 is closed with a; v2 is closed with a and b; v3 is open. The new writer may send a, b and c: an old reader
        // breaks where it is closed and does not declare one of them.
        var v1 = """{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}""";
        var v2 = """{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"additionalProperties":false}""";
        var v3 = """{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}}}""";
        var next = """{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"},"c":{"type":"integer"}},"additionalProperties":false}""";
        var engine = new CompatibilityEngine(new JsonSchemaPairwiseChecker());

        var report = engine.Check(CompatibilityMode.ForwardAll, next, [new(1, v1), new(2, v2), new(3, v3)]);

        Assert.Equal([2L, 1L, 1L], report.Issues.Select(i => i.Version));
        Assert.All(report.Issues, i => Assert.Equal(JsonDifferenceKinds.PropertyRemovedFromClosedContentModel, i.Kind));
        Assert.Equal(["#/properties/c", "#/properties/b", "#/properties/c"], report.Issues.Select(i => i.Path));
    }

    [Fact]
    public void Check_json_backward_after_incompatible_history_looks_only_at_latest()
    {
        var v1 = """{"type":"string"}""";
        var v2 = """{"type":"integer"}""";
        var engine = new CompatibilityEngine(new JsonSchemaPairwiseChecker());

        var latestOnly = engine.Check(CompatibilityMode.Backward, """{"type":"number"}""", [new(1, v1), new(2, v2)]);
        var all = engine.Check(CompatibilityMode.BackwardAll, """{"type":"number"}""", [new(1, v1), new(2, v2)]);

        Assert.True(latestOnly.IsCompatible);
        var issue = Assert.Single(all.Issues);
        Assert.Equal((1L, JsonDifferenceKinds.TypeChanged), (issue.Version, issue.Kind));
    }
}

using System.Text.RegularExpressions;
using Etl.TestSupport;

namespace Etl.Core.Tests.Hygiene;

/// <summary>
/// The banned APIs of the style guide, checked over the production sources: wall-clock reads go through an injected
/// TimeProvider, and blocking on tasks is not allowed.
/// </summary>
public sealed partial class BannedApiTests
{
    [GeneratedRegex(@"\bDateTime(Offset)?\.(UtcNow|Now)\b")]
    private static partial Regex WallClock();

    [GeneratedRegex(@"\.(Wait\(\)|Result\b(?!\s*[=(]))")]
    private static partial Regex Blocking();

    private static IEnumerable<(string File, int Line, string Text)> SourceLines()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var text = lines[i].TrimStart();
                if (!text.StartsWith("//", StringComparison.Ordinal))
                {
                    yield return (Path.GetRelativePath(RepoPaths.Root, file), i + 1, text);
                }
            }
        }
    }

    [Fact]
    public void ProductionCode_readsNoWallClockDirectly()
    {
        var offenders = SourceLines().Where(l => WallClock().IsMatch(l.Text)).Select(l => $"{l.File}:{l.Line}: {l.Text}").ToList();

        Assert.True(offenders.Count == 0, "inject TimeProvider instead:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void ProductionCode_neverBlocksOnTasks()
    {
        var offenders = SourceLines()
            .Where(l => Blocking().IsMatch(l.Text) && (l.Text.Contains("Task", StringComparison.Ordinal) || l.Text.Contains("Async", StringComparison.Ordinal)))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToList();

        Assert.True(offenders.Count == 0, "await instead of blocking:\n" + string.Join('\n', offenders));
    }
}

using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>Compiled regular expressions for <c>pattern</c> and <c>patternProperties</c>, with a match timeout.</summary>
internal static class PatternCache
{
    private const int MaxEntries = 1024;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static Regex Compile(string pattern, string location)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new SchemaDefinitionException($"Invalid JSON Schema at '#{location}': '{pattern}' is not a valid regular expression ({e.Message}).", e);
        }

        if (Cache.Count < MaxEntries)
        {
            Cache.TryAdd(pattern, regex);
        }

        return regex;
    }

    /// <summary>Whether the name matches; a pattern that times out counts as not matching.</summary>
    public static bool IsMatch(string pattern, string name)
    {
        try
        {
            return Compile(pattern, string.Empty).IsMatch(name);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}

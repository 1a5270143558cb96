using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>minLength, maxLength (in Unicode code points), pattern and the formats we assert.</summary>
internal sealed class StringChecks
{
    private const int StackChars = 256;

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public Regex? Pattern { get; set; }

    public string? PatternText { get; set; }

    public FormatValidator? Format { get; set; }

    public bool IsEmpty => MinLength is null && MaxLength is null && Pattern is null && Format is null;

    public bool Validate(ref Utf8JsonReader reader, ref ValidationState state)
    {
        if (MinLength is not null || MaxLength is not null)
        {
            var length = CodePointLength(ref reader);
            if (length < MinLength)
            {
                return state.Fail("minLength", $"must be at least {MinLength} characters long");
            }

            if (length > MaxLength)
            {
                return state.Fail("maxLength", $"must be at most {MaxLength} characters long");
            }
        }

        if (Pattern is null && Format is null)
        {
            return true;
        }

        var max = reader.ValueSpan.Length;
        char[]? rented = null;
        var buffer = max <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(max));
        try
        {
            var text = buffer[..reader.CopyString(buffer)];
            if (Pattern is not null && !MatchesPattern(Pattern, text))
            {
                return state.Fail("pattern", $"must match the pattern {PatternText}");
            }

            if (Format is not null && !Format.IsValid(text))
            {
                return state.Fail("format", $"is not a valid {Format.Name}");
            }

            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    internal static bool MatchesPattern(Regex regex, ReadOnlySpan<char> text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>Length in code points, as JSON Schema counts it (a surrogate pair is one character).</summary>
    internal static int CodePointLength(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            var span = reader.ValueSpan;
            var count = 0;
            foreach (var b in span)
            {
                if ((b & 0xC0) != 0x80)
                {
                    count++;
                }
            }

            return count;
        }

        var text = reader.GetString()!;
        var runes = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            runes++;
        }

        return runes;
    }
}

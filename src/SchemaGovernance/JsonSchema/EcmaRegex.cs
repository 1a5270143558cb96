using System.Text;
using System.Text.RegularExpressions;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>
/// Adapts an ECMA-262 pattern (what JSON Schema specifies) to .NET syntax: <c>\d</c> and <c>\w</c> keep their
/// ASCII meaning, <c>\s</c> includes U+FEFF, long Unicode property names (<c>\p{Letter}</c>) get their short form,
/// a character outside the BMP is one atom, and <c>$</c> matches only at the very end.
/// </summary>
internal static class EcmaRegex
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private static readonly Dictionary<string, string> PropertyNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Letter"] = "L", ["Cased_Letter"] = "LC", ["Uppercase_Letter"] = "Lu", ["Lowercase_Letter"] = "Ll",
        ["Titlecase_Letter"] = "Lt", ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo", ["Mark"] = "M",
        ["Number"] = "N", ["Decimal_Number"] = "Nd", ["digit"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No",
        ["Punctuation"] = "P", ["punct"] = "P", ["Symbol"] = "S", ["Separator"] = "Z", ["Space_Separator"] = "Zs",
        ["Other"] = "C", ["Control"] = "Cc", ["cntrl"] = "Cc",
    };

    public static Regex Compile(string pattern) =>
        new(Translate(pattern), RegexOptions.CultureInvariant, MatchTimeout);

    public static string Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                i++;
                switch (next)
                {
                    case 'd':
                        sb.Append(inClass ? "0-9" : "[0-9]");
                        break;
                    case 'D':
                        sb.Append(inClass ? @"\P{Nd}" : "[^0-9]");
                        break;
                    case 'w':
                        sb.Append(inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]");
                        break;
                    case 'W':
                        sb.Append(inClass ? @"\W" : "[^a-zA-Z0-9_]");
                        break;
                    case 's':
                        sb.Append(inClass ? @"\s\uFEFF" : @"[\s\uFEFF]");
                        break;
                    case 'S':
                        sb.Append(inClass ? @"\S" : @"[^\s\uFEFF]");
                        break;
                    case 'p' or 'P' when i + 1 < pattern.Length && pattern[i + 1] == '{':
                        var close = pattern.IndexOf('}', i + 2);
                        if (close < 0)
                        {
                            sb.Append('\\').Append(next);
                            break;
                        }

                        var name = pattern[(i + 2)..close];
                        sb.Append('\\').Append(next).Append('{')
                            .Append(PropertyNames.TryGetValue(name, out var shortName) ? shortName : name).Append('}');
                        i = close;
                        break;
                    default:
                        sb.Append('\\').Append(next);
                        break;
                }

                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < pattern.Length && char.IsLowSurrogate(pattern[i + 1]) && !inClass)
            {
                sb.Append("(?:").Append(c).Append(pattern[i + 1]).Append(')');
                i++;
                continue;
            }

            if (c == '[' && !inClass)
            {
                inClass = true;
            }
            else if (c == ']' && inClass)
            {
                inClass = false;
            }
            else if (c == '$' && !inClass)
            {
                sb.Append(@"(?!(?s:.))");
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}

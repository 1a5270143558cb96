using System.Text;
using System.Text.RegularExpressions;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>
/// Adapts an ECMA-262 pattern (what JSON Schema specifies) to .NET syntax: <c>\d</c>, <c>\w</c> and <c>\s</c>
/// keep their ASCII / ECMA meaning, and <c>$</c> matches only at the very end.
/// </summary>
internal static class EcmaRegex
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

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
                    default:
                        sb.Append('\\').Append(next);
                        break;
                }

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

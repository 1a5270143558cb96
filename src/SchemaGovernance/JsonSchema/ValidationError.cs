using System.Globalization;
using System.Text;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>
/// The first violation found in an instance. Path segments are added while the validator unwinds, innermost first,
/// so nothing is allocated for instances that are valid.
/// </summary>
internal sealed class ValidationError
{
    private readonly List<object> reversedSegments = [];

    public ValidationError(string keyword, string message)
    {
        Keyword = keyword;
        Message = message;
    }

    public string Keyword { get; }

    public string Message { get; }

    /// <summary>True when the value is valid but does not fit its column (for example an integer beyond bigint).</summary>
    public bool IsConversion { get; init; }

    public void PushProperty(string name) => reversedSegments.Add(name);

    public void PushIndex(int index) => reversedSegments.Add(index);

    /// <summary>The instance location as a JSONPath, e.g. <c>$.o2stats</c>, <c>$.items[3]</c>, <c>$['a b']</c>.</summary>
    public string Path
    {
        get
        {
            var sb = new StringBuilder("$");
            for (var i = reversedSegments.Count - 1; i >= 0; i--)
            {
                switch (reversedSegments[i])
                {
                    case int index:
                        sb.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                        break;
                    case string name when IsPlainName(name):
                        sb.Append('.').Append(name);
                        break;
                    case string name:
                        sb.Append("['").Append(name.Replace("\\", "\\\\", StringComparison.Ordinal)
                            .Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
                        break;
                }
            }

            return sb.ToString();
        }
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => $"{Path}: {Keyword}: {Message}";
}

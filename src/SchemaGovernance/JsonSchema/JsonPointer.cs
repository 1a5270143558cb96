using System.Globalization;
using System.Text.Json;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>RFC 6901 JSON pointers over <see cref="JsonElement"/>, as used in <c>$ref</c> fragments (percent-decoded first).</summary>
internal static class JsonPointer
{
    public static bool TryNavigate(JsonElement root, string fragment, out JsonElement target)
    {
        target = root;
        if (fragment.Length == 0)
        {
            return true;
        }

        var pointer = Uri.UnescapeDataString(fragment);
        if (pointer[0] != '/')
        {
            return false;
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            switch (target.ValueKind)
            {
                case JsonValueKind.Object when target.TryGetProperty(token, out var child):
                    target = child;
                    break;
                case JsonValueKind.Array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    && index < target.GetArrayLength():
                    target = target[index];
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    public static string Escape(string token) =>
        token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, string token) => pointer + "/" + Escape(token);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(CultureInfo.InvariantCulture);
}

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>JSON Pointer (RFC 6901) segment escaping.</summary>
internal static class JsonPointer
{
    public static string Escape(string segment) =>
        segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Unescape(string segment) =>
        segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}

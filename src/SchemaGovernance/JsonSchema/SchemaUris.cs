namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>URI helpers for <c>$id</c> and <c>$ref</c> resolution (RFC 3986 reference resolution via <see cref="Uri"/>).</summary>
internal static class SchemaUris
{
    /// <summary>The base URI of a schema that declares no <c>$id</c>.</summary>
    public const string DefaultBase = "https://schema.invalid/root.json";

    public static string WithoutFragment(string uri)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? uri : uri[..hash];
    }

    public static string Fragment(string uri)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? string.Empty : uri[(hash + 1)..];
    }

    /// <summary>Resolves a reference against a base; throws <see cref="JsonSchemaException"/> when it cannot.</summary>
    public static string Resolve(string baseUri, string reference)
    {
        if (reference.StartsWith('#'))
        {
            return WithoutFragment(baseUri) + reference;
        }

        if (Uri.TryCreate(reference, UriKind.Absolute, out var absolute) && !IsImplicitFile(reference, absolute))
        {
            return absolute.AbsoluteUri;
        }

        if (Uri.TryCreate(new Uri(baseUri, UriKind.Absolute), reference, out var resolved))
        {
            return resolved.AbsoluteUri;
        }

        throw new JsonSchemaException($"cannot resolve '{reference}' against '{baseUri}'");
    }

    public static string Normalize(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? parsed.AbsoluteUri : uri;

    /// <summary>On Unix a path such as "/folder/x.json" parses as an absolute file URI; in schemas it is a relative reference.</summary>
    private static bool IsImplicitFile(string reference, Uri uri) =>
        uri.IsFile && !reference.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
}

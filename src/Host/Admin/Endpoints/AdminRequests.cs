using System.Globalization;
using System.Text.Json;
using Etl.Host.Admin.Security;
using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry;

namespace Etl.Host.Admin.Endpoints;

/// <summary>Reading and checking request input; every problem is a <see cref="BadHttpRequestException"/> with its 4xx status.</summary>
internal static class AdminRequests
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The JSON body: 415 unless the content type is JSON, 400 when it is empty or not JSON (size capped by the middleware).</summary>
    public static async Task<T> BodyAsync<T>(HttpRequest request, CancellationToken token)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("the request body must be JSON (Content-Type: application/json)", StatusCodes.Status415UnsupportedMediaType);
        }

        return await JsonSerializer.DeserializeAsync<T>(request.Body, Json, token)
            ?? throw new BadHttpRequestException("the request body is empty (expected a JSON object)");
    }

    public static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new BadHttpRequestException($"'{name}' is required") : value;

    /// <summary>A Glue mode name such as BACKWARD or FULL_ALL.</summary>
    public static CompatibilityMode Mode(string? value) =>
        CompatibilityModes.TryParse(value, out var mode)
            ? mode
            : throw new BadHttpRequestException($"unknown compatibility mode '{value}' (expected one of {string.Join(", ", CompatibilityModes.GlueNames)})");

    /// <summary>A version number (1 or more) or <c>latest</c>.</summary>
    public static SchemaVersionReference Version(SchemaId schema, string version) =>
        string.Equals(version, "latest", StringComparison.OrdinalIgnoreCase) ? SchemaVersionReference.Latest(schema)
        : long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? SchemaVersionReference.ByNumber(schema, number)
        : throw new BadHttpRequestException($"version '{version}' is neither a version number nor 'latest'");

    public static long Number(string? value, string name) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new BadHttpRequestException($"'{name}' must be a version number (1 or more), not '{value}'");

    /// <summary>The authenticated caller (the endpoints are only reachable authenticated).</summary>
    public static (string Name, string Method) Caller(HttpContext context) =>
        (context.User.Identity?.Name ?? "unknown", context.User.FindFirst(AdminAuthenticationHandler.MethodClaim)?.Value ?? "unknown");
}

namespace Etl.Host.Admin;

/// <summary>Writes <c>application/problem+json</c> answers.</summary>
internal static class AdminProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail, string? errorCode = null)
    {
        var extensions = errorCode is null ? null : new Dictionary<string, object?> { ["errorCode"] = errorCode };
        return Results.Problem(detail: detail, statusCode: status, title: title, extensions: extensions).ExecuteAsync(context);
    }
}

namespace Etl.Host.Admin;

/// <summary>The admin API's log events.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "No admin API keys or JWT signing key are configured: generated the admin API key {Key} (name '{Name}') for this run. It is shown only now; configure Admin:ApiKeys to use your own.")]
    public static partial void GeneratedKey(ILogger logger, string key, string name);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "No admin API keys or JWT signing key are configured: every /api request will be refused with 401.")]
    public static partial void NoCredentials(ILogger logger);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Admin API request {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, string method, PathString path, Exception exception);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Admin change by {Actor}: {Operation} {Target}")]
    public static partial void Changed(ILogger logger, string actor, string operation, string target);
}

using Etl.Core.Telemetry;
using Etl.Host.Admin.Audit;

namespace Etl.Host.Admin.Endpoints;

/// <summary>Records a change made through the API in the audit log and the service log.</summary>
internal sealed class AdminChanges(AuditLog audit, ILogger<AdminChanges> logger)
{
    /// <summary>Writes the entry. The change has happened, so the write is not cancelled with the request.</summary>
    public async Task RecordAsync(HttpContext context, string operation, string target, object? before, object? after)
    {
        var (name, method) = AdminRequests.Caller(context);
        await audit.WriteAsync(name, method, operation, target, before, after, CancellationToken.None);
        LogMessages.AdminChanged(logger, name, operation, target);
    }
}

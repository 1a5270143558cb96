using System.Globalization;
using Etl.Host.Admin.Audit;
using Etl.Host.Admin.Security;

namespace Etl.Host.Admin.Endpoints;

/// <summary>GET /api/audit (admin only): a day's audit entries.</summary>
internal static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (string? date, string? limit, AuditLog audit, TimeProvider time, CancellationToken token) =>
        {
            DateOnly day;
            if (date is null)
            {
                day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            }
            else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                throw new BadHttpRequestException($"'date' must be yyyy-MM-dd, not '{date}'");
            }

            var count = 100;
            if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > AuditLog.MaxRead))
            {
                throw new BadHttpRequestException($"'limit' must be between 1 and {AuditLog.MaxRead}");
            }

            return await audit.ReadAsync(day, count, token);
        }).RequireAuthorization(AdminRoles.WritePolicy)
            .WithName("ReadAudit").WithSummary("The last entries (?limit=, default 100) of a UTC day (?date=yyyy-MM-dd, default today), oldest first.");
    }
}

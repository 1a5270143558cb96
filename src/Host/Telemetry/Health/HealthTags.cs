namespace Etl.Host.Telemetry.Health;

/// <summary>Tags that place a health check on a probe.</summary>
internal static class HealthTags
{
    /// <summary>
    /// Also run by <c>/health/live</c>. Only for checks whose failure means the process must be restarted;
    /// a dependency being down (S3, Kinesis) belongs to readiness only.
    /// </summary>
    public const string Live = "live";
}

using System.Globalization;
using Etl.Catalog.Glue;
using Etl.Host.Configuration;

namespace Etl.Host.Pipelines;

/// <summary>
/// The Glue catalog's per-table settings from the pipelines' <c>Catalog:Partitions</c> (see
/// docs/adr/0004-partition-registration-and-projection.md): tables that register partitions (the default) need no
/// entry; projected tables get a <see cref="DateProjection"/> of the partitioner's hour format from
/// <c>Catalog:ProjectionStart</c> to now.
/// </summary>
internal static class PipelineCatalogSettings
{
    /// <summary>The Glue catalog options of the configured pipelines.</summary>
    public static GlueCatalogOptions Glue(EtlOptions options)
    {
        var tables = new Dictionary<string, GlueTableSettings>(StringComparer.Ordinal);
        foreach (var p in PipelineFactory.Expand(options))
        {
            var registration = EtlOptionsValidator.Registration(p.Catalog.Partitions) ?? PartitionRegistration.Register;
            if (registration == PartitionRegistration.Register)
            {
                continue;
            }

            var definition = PipelineFactory.Define(options, p);
            var zone = EtlOptionsValidator.TryZone(p.Partitioning.TimeZone) ?? TimeZoneInfo.Utc;
            var projection = new DateProjection(
                definition.Partitioner.ProjectionFormat.Format,
                $"{p.Catalog.ProjectionStart},{RangeEnd(zone)}");
            tables[$"{definition.Database}.{definition.Table}"] = new GlueTableSettings(registration, projection);
        }

        return new GlueCatalogOptions { Tables = tables };
    }

    /// <summary>
    /// The end of the projected range. Athena evaluates <c>NOW</c> in UTC, while partition values are hours of the
    /// pipeline's zone: a zone ahead of UTC needs the range to reach that many hours past UTC's now.
    /// </summary>
    internal static string RangeEnd(TimeZoneInfo zone)
    {
        var ahead = zone.BaseUtcOffset;
        foreach (var rule in zone.GetAdjustmentRules())
        {
            var standard = zone.BaseUtcOffset + rule.BaseUtcOffsetDelta;
            var daylight = standard + rule.DaylightDelta;
            ahead = TimeSpan.FromTicks(Math.Max(ahead.Ticks, Math.Max(standard.Ticks, daylight.Ticks)));
        }

        var hours = (int)Math.Ceiling(ahead.TotalHours);
        return hours <= 0 ? "NOW" : "NOW+" + hours.ToString(CultureInfo.InvariantCulture) + "HOURS";
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Etl.Batching.Partitioning;
using Etl.Catalog.Glue;
using Etl.SchemaGovernance.Mapping;

namespace Etl.Host.Configuration;

/// <summary>The per-pipeline output, catalog, mapping and dead-letter settings, and their consistency across pipelines.</summary>
public static partial class EtlOptionsValidator
{
    /// <summary>The format of <see cref="CatalogOptions.ProjectionStart"/> (the partition value format of the <c>Dt</c> layout).</summary>
    public const string HourFormat = "yyyy-MM-dd-HH";

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")]
    private static partial Regex KeyPrefixPattern();

    /// <summary>The partition registration a setting names (names only, any case), or null.</summary>
    public static PartitionRegistration? Registration(string? text) =>
        text is not null && Enum.GetNames<PartitionRegistration>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<PartitionRegistration>(name)
            : null;

    /// <summary>True when the catalog keeps Glue-shaped documents in folders (local mode, or <c>Etl:Aws:Catalog</c> Folder).</summary>
    public static bool UsesFolderCatalog(EtlOptions options) => options.Mode != "Aws" || options.Aws.Catalog == "Folder";

    /// <summary>
    /// Where a pipeline's files go, as one comparable text: <c>s3://bucket/prefix/</c> in AWS mode, the folder's full
    /// path in local mode. Pipelines writing one table must agree on it.
    /// </summary>
    public static string OutputLocation(EtlOptions options, PipelineOptions p)
    {
        if (options.Mode == "Aws")
        {
            var prefix = (p.Output.Prefix ?? options.Aws.Prefix).Trim('/');
            return $"s3://{p.Output.Bucket ?? options.Aws.Bucket}/{(prefix.Length == 0 ? "" : prefix + "/")}";
        }

        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(string.IsNullOrWhiteSpace(p.Output.Folder) ? options.DataRoot : p.Output.Folder));
    }

    private static void ValidateOutput(EtlOptions options, PipelineOptions p, string at, List<string> errors)
    {
        if (options.Mode == "Aws")
        {
            if (p.Output.Bucket is { } bucket && !BucketPattern().IsMatch(bucket))
            {
                errors.Add($"{at}:Output:Bucket '{bucket}' is not an S3 bucket name (3-63 lowercase letters, digits, '.' and '-')");
            }

            if (p.Output.Prefix is { } prefix && (prefix.StartsWith('/') || prefix.Contains('\\', StringComparison.Ordinal)))
            {
                errors.Add($"{at}:Output:Prefix '{prefix}' must not start with '/' or contain '\\'");
            }

            if (p.Output.Folder is not null)
            {
                errors.Add($"{at}:Output:Folder applies in local mode; in AWS mode set Output:Bucket and Output:Prefix");
            }

            return;
        }

        if (p.Output.Bucket is not null || p.Output.Prefix is not null)
        {
            errors.Add($"{at}:Output:{(p.Output.Bucket is not null ? "Bucket" : "Prefix")} applies in AWS mode; in local mode set Output:Folder");
        }

        if (p.Output.Folder is { } folder)
        {
            if (string.IsNullOrWhiteSpace(folder))
            {
                errors.Add($"{at}:Output:Folder must name a folder");
            }
            else
            {
                try
                {
                    Path.GetFullPath(folder);
                }
                catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
                {
                    errors.Add($"{at}:Output:Folder '{folder}' is not a usable path: {e.Message}");
                }
            }
        }
    }

    private static void ValidateCatalogPartitions(EtlOptions options, PipelineOptions p, string at, List<string> errors)
    {
        var registration = Registration(p.Catalog.Partitions);
        if (registration is null)
        {
            errors.Add($"{at}:Catalog:Partitions must be 'Register', 'Projection' or 'Both' (was '{p.Catalog.Partitions}')");
            return;
        }

        if (registration == PartitionRegistration.Register)
        {
            if (p.Catalog.ProjectionStart is not null)
            {
                errors.Add($"{at}:Catalog:ProjectionStart applies only when Catalog:Partitions is 'Projection' or 'Both'");
            }

            return;
        }

        if (registration == PartitionRegistration.Projection && UsesFolderCatalog(options))
        {
            errors.Add($"{at}:Catalog:Partitions 'Projection' needs the Glue catalog: the folder catalog registers partitions (use 'Register' or 'Both')");
        }

        if (!string.Equals(p.Partitioning.Layout, nameof(PartitionLayout.Dt), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{at}:Catalog:Partitions '{registration}' needs Partitioning:Layout 'Dt' (projection describes one date partition key; was '{p.Partitioning.Layout}')");
        }

        if (p.Catalog.ProjectionStart is not { } start
            || !DateTime.TryParseExact(start, HourFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{at}:Catalog:ProjectionStart must be the first partition hour as {HourFormat} when Catalog:Partitions is '{registration}' (was '{p.Catalog.ProjectionStart}')");
        }
    }

    private static void ValidateMapping(PipelineOptions p, string at, List<string> errors)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, target) in p.Mapping.Overrides)
        {
            var folded = column.ToLowerInvariant();
            if (!seen.TryAdd(folded, column))
            {
                errors.Add($"{at}:Mapping:Overrides:{column} names the same column as {at}:Mapping:Overrides:{seen[folded]} (column names are lowercase)");
                continue;
            }

            if (!ColumnOverrides.TryParseTarget(target, out var type))
            {
                errors.Add($"{at}:Mapping:Overrides:{column} '{target}' is not a target type ({ColumnOverrides.TargetTypes})");
                continue;
            }

            if (string.Equals(folded, p.Partitioning.EventTimeField?.ToLowerInvariant(), StringComparison.Ordinal) && type.Kind != Etl.Core.Columns.ColumnKind.Timestamp)
            {
                errors.Add($"{at}:Mapping:Overrides:{column} makes the event-time column a {type.ToHiveType()}; Partitioning:EventTimeField needs a timestamp");
            }
        }
    }

    private static void ValidateDeadLetters(PipelineOptions p, string at, List<string> errors)
    {
        var prefix = p.DeadLetters.Prefix;
        if (prefix is null || !KeyPrefixPattern().IsMatch(prefix) || prefix.Contains("..", StringComparison.Ordinal) || prefix.Split('/').Any(s => s == "."))
        {
            errors.Add($"{at}:DeadLetters:Prefix '{prefix}' must be a key prefix: segments of letters, digits, '.', '_' and '-' separated by '/'");
        }
        else if (prefix.Split('/')[0] == "warehouse")
        {
            errors.Add($"{at}:DeadLetters:Prefix '{prefix}' must not be inside 'warehouse/', where the tables are");
        }
    }

    /// <summary>Pipelines that write one table must agree on where it is and how its partitions are made visible.</summary>
    private static void ValidateSharedTables(EtlOptions options, List<string> errors)
    {
        var first = new Dictionary<string, (int Index, string Location, PartitionRegistration? Registration, string? Start)>(StringComparer.Ordinal);
        for (var i = 0; i < options.Pipelines.Count; i++)
        {
            var p = options.Pipelines[i];
            string location;
            try
            {
                location = OutputLocation(options, p);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                continue;
            }

            var table = $"{p.Catalog.Database ?? options.Demo.Database}.{p.Catalog.Table ?? p.Name.Replace('-', '_')}";
            var registration = Registration(p.Catalog.Partitions);
            if (!first.TryGetValue(table, out var other))
            {
                first[table] = (i, location, registration, p.Catalog.ProjectionStart);
                continue;
            }

            if (!string.Equals(location, other.Location, StringComparison.Ordinal))
            {
                errors.Add($"Etl:Pipelines:{i}:Output writes table {table} to {location}, but Etl:Pipelines:{other.Index} writes it to {other.Location}");
            }

            if (registration != other.Registration || !string.Equals(p.Catalog.ProjectionStart, other.Start, StringComparison.Ordinal))
            {
                errors.Add($"Etl:Pipelines:{i}:Catalog:Partitions of table {table} must match Etl:Pipelines:{other.Index} (Partitions and ProjectionStart)");
            }
        }
    }
}

using System.Text.RegularExpressions;
using Etl.Batching.Buffers;
using Etl.Batching.Partitioning;
using Etl.Ingest.Demo;

namespace Etl.Host.Configuration;

/// <summary>Checks the whole configuration at start-up; the first problem is reported with the setting's path.</summary>
public static partial class EtlOptionsValidator
{
    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9_]{1,255}$")]
    private static partial Regex CatalogNamePattern();

    /// <summary>Returns the problems found, each naming its setting; empty when the configuration is valid.</summary>
    public static IReadOnlyList<string> Validate(EtlOptions options)
    {
        var errors = new List<string>();
        if (options.Mode is not ("Local" or "Aws"))
        {
            errors.Add($"Etl:Mode must be 'Local' or 'Aws' (was '{options.Mode}')");
        }

        if (string.IsNullOrWhiteSpace(options.DataRoot))
        {
            errors.Add("Etl:DataRoot must name a folder");
        }

        if (options.Registry.Type is not ("Folder" or "Glue"))
        {
            errors.Add($"Etl:Registry:Type must be 'Folder' or 'Glue' (was '{options.Registry.Type}')");
        }

        if (string.IsNullOrWhiteSpace(options.Registry.Name))
        {
            errors.Add("Etl:Registry:Name must name a registry");
        }

        if (options.Demo.RecordsPerSecond is <= 0 or > 1_000_000)
        {
            errors.Add($"Etl:Demo:RecordsPerSecond must be between 0 and 1000000 (was {options.Demo.RecordsPerSecond})");
        }

        if (options.Demo.InvalidFraction is < 0 or > 1)
        {
            errors.Add($"Etl:Demo:InvalidFraction must be between 0 and 1 (was {options.Demo.InvalidFraction})");
        }

        if (options.Demo.MaxRecords is < 0)
        {
            errors.Add($"Etl:Demo:MaxRecords must not be negative (was {options.Demo.MaxRecords})");
        }

        for (var i = 0; i < options.Demo.Feeds.Count; i++)
        {
            if (!DemoFeed.Names.Contains(options.Demo.Feeds[i]))
            {
                errors.Add($"Etl:Demo:Feeds:{i} '{options.Demo.Feeds[i]}' is not a demo feed (known: {string.Join(", ", DemoFeed.Names)})");
            }
        }

        if (!CatalogNamePattern().IsMatch(options.Demo.Database))
        {
            errors.Add($"Etl:Demo:Database '{options.Demo.Database}' must be lowercase letters, digits and '_' (Athena folds case)");
        }

        if (options.Mode == "Aws")
        {
            if (string.IsNullOrWhiteSpace(options.Aws.Bucket))
            {
                errors.Add("Etl:Aws:Bucket must name the S3 bucket in AWS mode");
            }

            if (options.Aws.Catalog is not ("Glue" or "Folder"))
            {
                errors.Add($"Etl:Aws:Catalog must be 'Glue' or 'Folder' (was '{options.Aws.Catalog}')");
            }

            if (options.Aws.LeaseDuration < TimeSpan.FromSeconds(1))
            {
                errors.Add($"Etl:Aws:LeaseDuration must be at least 1 second (was {options.Aws.LeaseDuration})");
            }

            if (options.Pipelines.Count == 0)
            {
                errors.Add("Etl:Pipelines must list at least one pipeline in AWS mode");
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Pipelines.Count; i++)
        {
            ValidatePipeline(options, options.Pipelines[i], $"Etl:Pipelines:{i}", names, errors);
        }

        ValidateSharedTables(options, errors);
        return errors;
    }

    private static void ValidatePipeline(EtlOptions options, PipelineOptions p, string at, HashSet<string> names, List<string> errors)
    {
        if (!NamePattern().IsMatch(p.Name))
        {
            errors.Add($"{at}:Name '{p.Name}' must be 1-64 lowercase letters, digits, '-' or '_'");
        }
        else if (!names.Add(p.Name))
        {
            errors.Add($"{at}:Name '{p.Name}' is used by another pipeline");
        }

        switch (p.Source.Type)
        {
            case "Demo":
                if (p.Source.Feed is null || !DemoFeed.Names.Contains(p.Source.Feed))
                {
                    errors.Add($"{at}:Source:Feed must be one of {string.Join(", ", DemoFeed.Names)} (was '{p.Source.Feed}')");
                }

                break;
            case "Kinesis":
                if (string.IsNullOrWhiteSpace(p.Source.Stream))
                {
                    errors.Add($"{at}:Source:Stream must name the Kinesis stream");
                }

                if (options.Mode != "Aws")
                {
                    errors.Add($"{at}:Source:Type 'Kinesis' needs Etl:Mode 'Aws'");
                }

                if (p.Source.InitialPosition is not ("TRIM_HORIZON" or "LATEST"))
                {
                    errors.Add($"{at}:Source:InitialPosition must be 'TRIM_HORIZON' or 'LATEST' (was '{p.Source.InitialPosition}')");
                }

                break;
            default:
                errors.Add($"{at}:Source:Type must be 'Demo' or 'Kinesis' (was '{p.Source.Type}')");
                break;
        }

        if (p.Schema.Version is < 1)
        {
            errors.Add($"{at}:Schema:Version must be at least 1 (was {p.Schema.Version})");
        }

        if (TryZone(p.Partitioning.TimeZone) is null)
        {
            errors.Add($"{at}:Partitioning:TimeZone '{p.Partitioning.TimeZone}' is not a known time zone");
        }

        if (!Enum.TryParse<PartitionLayout>(p.Partitioning.Layout, ignoreCase: true, out _))
        {
            errors.Add($"{at}:Partitioning:Layout must be 'Dt' or 'YearMonthDayHour' (was '{p.Partitioning.Layout}')");
        }

        var buffering = ToBuffering(p.Buffering);
        if (buffering is null)
        {
            errors.Add($"{at}:Buffering:Preset must be 'balanced', 'low-latency' or 'bulk' (was '{p.Buffering.Preset}')");
        }
        else if (buffering.Validate($"{at}:Buffering") is { } problem)
        {
            errors.Add(problem);
        }

        if (p.Output.Compression.ToUpperInvariant() is not ("SNAPPY" or "GZIP" or "NONE"))
        {
            errors.Add($"{at}:Output:Compression must be 'snappy', 'gzip' or 'none' (was '{p.Output.Compression}')");
        }

        if (p.Catalog.Database is { } db && !CatalogNamePattern().IsMatch(db))
        {
            errors.Add($"{at}:Catalog:Database '{db}' must be lowercase letters, digits and '_'");
        }

        if (p.Catalog.Table is { } table && !CatalogNamePattern().IsMatch(table))
        {
            errors.Add($"{at}:Catalog:Table '{table}' must be lowercase letters, digits and '_'");
        }

        ValidateOutput(options, p, at, errors);
        ValidateCatalogPartitions(options, p, at, errors);
        ValidateMapping(p, at, errors);
        ValidateDeadLetters(p, at, errors);
    }

    /// <summary>The buffering options of a preset with overrides, or null for an unknown preset.</summary>
    public static BufferingOptions? ToBuffering(BufferingSettings s)
    {
        var preset = BufferingOptions.Preset(s.Preset);
        if (preset is null)
        {
            return null;
        }

        return preset with
        {
            MaxRows = s.MaxRows ?? preset.MaxRows,
            MaxBytes = s.MaxBytes ?? preset.MaxBytes,
            MaxAge = s.MaxAge ?? preset.MaxAge,
            MaxOpenBuffers = s.MaxOpenBuffers ?? preset.MaxOpenBuffers,
            MemoryBudgetBytes = s.MemoryBudgetBytes ?? preset.MemoryBudgetBytes,
            ReadAheadBytes = s.ReadAheadBytes ?? preset.ReadAheadBytes,
            LateAfter = s.LateAfter ?? preset.LateAfter,
            LateMaxAge = s.LateMaxAge ?? preset.LateMaxAge,
        };
    }

    public static TimeZoneInfo? TryZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}

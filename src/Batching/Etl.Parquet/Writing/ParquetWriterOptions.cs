using System.IO.Compression;
using System.Reflection;

namespace Etl.Parquet.Writing;

/// <summary>
/// Writer settings. Every property documents its default; <see cref="Validate"/> runs when a writer is created and
/// names the offending setting.
/// </summary>
public sealed class ParquetWriterOptions
{
    /// <summary>All defaults: SNAPPY, 1 MiB pages, 128 MiB / 1,048,576-row row groups, 1 MiB dictionaries.</summary>
    public static ParquetWriterOptions Default { get; } = new();

    /// <summary>Smaller row groups and pages for small, frequent files (low-latency flushes): 16 MiB / 64 KiB.</summary>
    public static ParquetWriterOptions LowLatency { get; } = new() { RowGroupSizeBytes = 16L << 20, PageSizeBytes = 64 << 10 };

    /// <summary>Page codec. Default <see cref="ParquetCompression.Snappy"/>.</summary>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>Gzip level when <see cref="Compression"/> is Gzip. Default <see cref="CompressionLevel.Fastest"/>.</summary>
    public CompressionLevel GzipLevel { get; init; } = CompressionLevel.Fastest;

    /// <summary>Target uncompressed size of a data page. Default 1 MiB.</summary>
    public int PageSizeBytes { get; init; } = 1 << 20;

    /// <summary>A row group is written when its buffered values reach this size. Default 128 MiB.</summary>
    public long RowGroupSizeBytes { get; init; } = 128L << 20;

    /// <summary>A row group is written when it reaches this many rows. Default 1,048,576.</summary>
    public int RowGroupMaxRows { get; init; } = 1 << 20;

    /// <summary>Dictionary-encode columns (falling back to PLAIN per column chunk). Default true.</summary>
    public bool EnableDictionary { get; init; } = true;

    /// <summary>Largest PLAIN-encoded dictionary per column chunk before falling back to PLAIN. Default 1 MiB.</summary>
    public int DictionarySizeLimitBytes { get; init; } = 1 << 20;

    /// <summary>String/binary min and max longer than this are left out of the statistics. Default 256 bytes.</summary>
    public int MaxStatisticsValueBytes { get; init; } = 256;

    /// <summary>Application name in created_by. Default "etl".</summary>
    public string ApplicationName { get; init; } = "etl";

    /// <summary>Version in created_by. Default: this assembly's version.</summary>
    public string ApplicationVersion { get; init; } = LibraryVersion.Version;

    /// <summary>Build hash in created_by. Default: the commit in this assembly's informational version, else "unknown".</summary>
    public string BuildHash { get; init; } = LibraryVersion.Build;

    /// <summary>Key-value metadata for lineage (e.g. schema version, stream, shard ranges). Default none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> KeyValueMetadata { get; init; } = [];

    /// <summary>created_by as Parquet asks: "&lt;app&gt; version &lt;v&gt; (build &lt;hash&gt;)".</summary>
    public string CreatedBy => $"{ApplicationName} version {ApplicationVersion} (build {BuildHash})";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Compression))
        {
            throw new ArgumentException($"{nameof(Compression)} = {Compression} is not a supported codec.");
        }

        if (PageSizeBytes is < 1024 or > (256 << 20))
        {
            throw new ArgumentException($"{nameof(PageSizeBytes)} = {PageSizeBytes} must be between 1 KiB and 256 MiB.");
        }

        if (RowGroupSizeBytes < PageSizeBytes)
        {
            throw new ArgumentException($"{nameof(RowGroupSizeBytes)} = {RowGroupSizeBytes} must be at least {nameof(PageSizeBytes)} ({PageSizeBytes}).");
        }

        if (RowGroupMaxRows < 1)
        {
            throw new ArgumentException($"{nameof(RowGroupMaxRows)} = {RowGroupMaxRows} must be positive.");
        }

        if (DictionarySizeLimitBytes is < 0 or > (64 << 20))
        {
            throw new ArgumentException($"{nameof(DictionarySizeLimitBytes)} = {DictionarySizeLimitBytes} must be between 0 and 64 MiB.");
        }

        if (MaxStatisticsValueBytes < 0)
        {
            throw new ArgumentException($"{nameof(MaxStatisticsValueBytes)} must not be negative.");
        }

        foreach (var (name, value) in new[] { (nameof(ApplicationName), ApplicationName), (nameof(ApplicationVersion), ApplicationVersion), (nameof(BuildHash), BuildHash) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Contains('(', StringComparison.Ordinal) || value.Contains(')', StringComparison.Ordinal))
            {
                throw new ArgumentException($"{name} = '{value}' must be non-empty and contain no parentheses (created_by must stay parseable).");
            }
        }

        foreach (var (key, _) in KeyValueMetadata)
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException($"{nameof(KeyValueMetadata)} has an empty key.");
            }
        }
    }

    private static class LibraryVersion
    {
        public static readonly string Version;
        public static readonly string Build;

#pragma warning disable CA1810 // One computation for two related values.
        static LibraryVersion()
#pragma warning restore CA1810
        {
            var assembly = typeof(ParquetWriterOptions).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            Version = plus > 0 ? informational[..plus] : informational.Length > 0 ? informational : assembly.GetName().Version?.ToString() ?? "0.0.0";
            var build = plus > 0 ? informational[(plus + 1)..] : "";
            Build = build.Length == 0 ? "unknown" : build.Length > 12 ? build[..12] : build;
        }
    }
}

using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Etl.Benchmarks.Ingest;

/// <summary>User records per second on one core, for a benchmark whose operation handles <c>RecordsPerOperation</c> records.</summary>
internal sealed class RecordsPerSecondColumn : IColumn
{
    public string Id => "IngestRecordsPerSecond";

    public string ColumnName => "records/s/core";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "User records through the read path per second on one core";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is null)
        {
            return "n/a";
        }

        return (ReadPathBenchmark.RecordsPerOperation * 1e9 / report.ResultStatistics.Mean).ToString("N0", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Etl.Benchmarks.Kpl;

/// <summary>
/// Per-user-record figures for a benchmark whose operation handles one Kinesis record of
/// <c>UserRecords</c> user records: user records per second on one core, or bytes allocated per user record.
/// </summary>
internal sealed class PerUserRecordColumn(bool allocation) : IColumn
{
    public string Id => allocation ? "AllocatedPerUserRecord" : "UserRecordsPerSecond";

    public string ColumnName => allocation ? "B/user record" : "user records/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => allocation ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => allocation
        ? "Managed bytes allocated per user record"
        : "User records de-aggregated per second on one core";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        var userRecords = Convert.ToDouble(benchmarkCase.Parameters["UserRecords"], CultureInfo.InvariantCulture);
        if (report?.ResultStatistics is null || userRecords <= 0)
        {
            return "n/a";
        }

        if (allocation)
        {
            var bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return bytes is { } b ? (b / userRecords).ToString("F1", CultureInfo.InvariantCulture) : "n/a";
        }

        return (userRecords * 1e9 / report.ResultStatistics.Mean).ToString("N0", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

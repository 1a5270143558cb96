using System.Globalization;

namespace Etl.Host.Operations;

/// <summary>Checks <see cref="OperationsOptions"/>; each problem names its setting.</summary>
internal static class OperationsOptionsValidator
{
    /// <summary>The shortest allowed job interval.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<string> Validate(OperationsOptions options)
    {
        var problems = new List<string>();
        if (options.GraceWindow < TimeSpan.Zero)
        {
            problems.Add($"Operations:GraceWindow: must not be negative (is {Format(options.GraceWindow)})");
        }

        if (options.DeadLetterRetention <= TimeSpan.Zero)
        {
            problems.Add($"Operations:DeadLetterRetention: must be positive (is {Format(options.DeadLetterRetention)})");
        }

        Check(problems, nameof(OperationsOptions.ClosePartitions), options.ClosePartitions);
        Check(problems, nameof(OperationsOptions.PurgeDeadLetters), options.PurgeDeadLetters);
        Check(problems, nameof(OperationsOptions.ReconcileCatalog), options.ReconcileCatalog);
        return problems;
    }

    private static void Check(List<string> problems, string job, OperationsJobSettings settings)
    {
        if (settings.Enabled && settings.Interval < MinimumInterval)
        {
            problems.Add($"Operations:{job}:Interval: must be at least {Format(MinimumInterval)} (is {Format(settings.Interval)}); set Operations:{job}:Enabled=false to turn the job off");
        }
    }

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}

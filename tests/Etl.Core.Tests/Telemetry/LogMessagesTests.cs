using System.Reflection;
using Etl.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Etl.Core.Tests.Telemetry;

public sealed class LogMessagesTests
{
    private static readonly List<(MethodInfo Method, LoggerMessageAttribute Attribute)> Events =
        [.. typeof(LogMessages).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()!))
            .Where(e => e.Attribute is not null)];

    [Fact]
    public void LogMessages_everyPublicMethod_isALoggerMessage()
    {
        var plain = typeof(LogMessages).GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<LoggerMessageAttribute>() is null)
            .Select(m => m.Name)
            .ToList();

        Assert.Empty(plain);
        Assert.True(Events.Count >= 40, $"only {Events.Count} log events found");
    }

    [Fact]
    public void LogMessages_eventIds_areUniqueAndPositive()
    {
        var duplicates = Events
            .GroupBy(e => e.Attribute.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Method.Name))}")
            .ToList();

        Assert.True(duplicates.Count == 0, "event ids used more than once:\n" + string.Join('\n', duplicates));
        Assert.All(Events, e => Assert.True(e.Attribute.EventId > 0, $"{e.Method.Name} has no event id"));
    }

    [Fact]
    public void LogMessages_everyEvent_hasAMessageALevelAndALoggerFirst()
    {
        Assert.All(Events, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Attribute.Message), $"{e.Method.Name} has an empty message");
            Assert.NotEqual(LogLevel.None, e.Attribute.Level);
            Assert.Equal(typeof(ILogger), e.Method.GetParameters()[0].ParameterType);
        });
    }

    [Fact]
    public void LogMessages_methodNames_areUnique()
    {
        var names = Events.Select(e => e.Method.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void LogMessages_eventIds_stayInTheRangesDocumentedInTheOperationsGuide()
    {
        var ranges = LogEventRanges.FromOperationsGuide();
        var outside = Events
            .Where(e => !ranges.Any(r => e.Attribute.EventId >= r.First && e.Attribute.EventId <= r.Last))
            .Select(e => $"{e.Method.Name} ({e.Attribute.EventId})")
            .ToList();

        Assert.True(ranges.Count >= 10, $"only {ranges.Count} ranges found in docs/operations.md");
        Assert.True(outside.Count == 0, "event ids outside every documented range:\n" + string.Join('\n', outside));
        var ordered = ranges.OrderBy(r => r.First).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].First > ordered[i - 1].Last, $"documented ranges overlap: {ordered[i - 1]} and {ordered[i]}");
        }
    }

    [Fact]
    public void LogMessages_formatsTheMessageWithTheEventIdAndLevel()
    {
        var logger = new CapturingLogger();

        LogMessages.EngineLeaseLost(logger, "shardId-000000000003", 4);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(1102, entry.EventId);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("Lease of shard shardId-000000000003 lost; dropping its 4 open buffers", entry.Message);
    }

    [Fact]
    public void EtlTelemetry_meter_isTheProcessWideEtlMeter()
    {
        Assert.Equal("Etl", EtlTelemetry.MeterName);
        Assert.Equal(EtlTelemetry.MeterName, EtlTelemetry.Meter.Name);
        Assert.Null(EtlTelemetry.Meter.Scope);
    }

    private sealed class CapturingLogger : ILogger
    {
        public List<(int EventId, LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((eventId.Id, logLevel, formatter(state, exception)));
    }
}

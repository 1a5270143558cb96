using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Etl.TestSupport;

/// <summary>One log call as a <see cref="CapturingLoggerProvider"/> saw it.</summary>
/// <param name="Properties">The structured values (template name to value), including <c>{OriginalFormat}</c>.</param>
public sealed record CapturedLogEntry(
    string Category,
    int EventId,
    LogLevel Level,
    string Message,
    Exception? Exception,
    IReadOnlyDictionary<string, object?> Properties);

/// <summary>
/// Keeps every log call of the loggers it creates (every level is enabled), so tests can assert that an event
/// happened with its id, level and values. Use it as a provider (<c>logging.AddProvider</c>) or take a logger from
/// <see cref="CreateLogger"/> directly.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();

    /// <summary>What was logged so far, in order.</summary>
    public IReadOnlyList<CapturedLogEntry> Entries => [.. _entries];

    /// <summary>The entries with this event id.</summary>
    public IReadOnlyList<CapturedLogEntry> WithEventId(int eventId) => [.. _entries.Where(e => e.EventId == eventId)];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    properties[key] = value;
                }
            }

            entries.Enqueue(new CapturedLogEntry(category, eventId.Id, logLevel, formatter(state, exception), exception, properties));
        }
    }
}

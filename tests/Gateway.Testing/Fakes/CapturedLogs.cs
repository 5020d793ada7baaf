using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gateway.Testing.Fakes;

/// <summary>Every log entry of a host, kept for assertions (thread-safe; hosts log from many threads).</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    public LogLevel MinimumLevel { get; init; } = LogLevel.Warning;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Entries that carry an exception at Error or above: an unhandled exception, or one a component logged as a failure.</summary>
    public IReadOnlyList<string> Failures() =>
        [.. Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Exception}")];

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) owner.Entries.Enqueue((category, logLevel, formatter(state, exception), exception));
        }
    }
}

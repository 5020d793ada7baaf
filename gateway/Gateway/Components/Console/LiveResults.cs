using System.Collections.Concurrent;
using Gateway.Polls;
using Gateway.Conversations.Ports;

namespace Gateway.Components.Console;

/// <summary>
/// A poll's results for the live charts, read at most once per <see cref="Freshness"/> however many browsers watch: a
/// hundred open results pages cost the store the same as one.
/// </summary>
public sealed class LiveResults(IPollStore polls, ICounterStore counters, TimeProvider clock)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, Lazy<Task<(PollResults? Results, long ReadAt)>>> _cache = new(StringComparer.Ordinal);

    public async Task<PollResults?> ReadAsync(string pollId, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        while (true)
        {
            var entry = _cache.GetOrAdd(pollId, id => new Lazy<Task<(PollResults?, long)>>(() => LoadAsync(id)));
            (PollResults? Results, long ReadAt) read;
            try
            {
                read = await entry.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _cache.TryRemove(new KeyValuePair<string, Lazy<Task<(PollResults?, long)>>>(pollId, entry)); // the next reader tries again
                throw;
            }
            var (results, readAt) = read;
            if (now - readAt < Freshness.TotalMilliseconds) return results;
            _cache.TryRemove(new KeyValuePair<string, Lazy<Task<(PollResults?, long)>>>(pollId, entry));
        }
    }

    private readonly ConcurrentDictionary<(string Poll, string Language), (long Signature, Task<string> Html)> _rendered = new();

    /// <summary>
    /// The chart's HTML for these results in this language, rendered once per change however many streams send it
    /// (<paramref name="signature"/> identifies the counts).
    /// </summary>
    public Task<string> RenderedAsync(string pollId, string language, long signature, Func<Task<string>> render)
    {
        var key = (pollId, language);
        if (_rendered.TryGetValue(key, out var known) && known.Signature == signature && !known.Html.IsFaulted) return known.Html;
        var html = render();
        _rendered[key] = (signature, html);
        return html;
    }

    private async Task<(PollResults?, long)> LoadAsync(string pollId)
    {
        var readAt = Environment.TickCount64;
        var poll = await polls.GetAsync(pollId, CancellationToken.None);
        return (poll is null ? null : await PollResults.ReadAsync(poll, counters, clock.GetUtcNow(), CancellationToken.None), readAt);
    }
}

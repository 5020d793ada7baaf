using Gateway.Conversations.Ports;

namespace Gateway.Conversations;

/// <summary>
/// One conversation step in the making: the contact's state being changed, what to say, and the effects
/// (events, counters) that will be committed together with the state — or not at all.
/// </summary>
public sealed class StepContext(ContactState contact, InboundMessage message, DateTimeOffset now)
{
    private readonly List<string> _texts = [];
    private readonly List<OutboxEvent> _events = [];
    private readonly List<CounterIncrement> _counters = [];
    private readonly List<CommitRecord> _records = [];

    public ContactState Contact { get; } = contact;
    public InboundMessage Message { get; } = message;
    public DateTimeOffset Now { get; } = now;

    /// <summary>Options of the question the step ends on (empty when it ends on a plain message).</summary>
    public IReadOnlyList<ReplyOption> Options { get; private set; } = [];

    /// <summary>Language of the texts said (the first resolved language wins).</summary>
    public string? Language { get; private set; }

    public IReadOnlyList<OutboxEvent> Events => _events;
    public IReadOnlyList<CounterIncrement> Counters => _counters;
    public bool HasSaid => _texts.Count > 0;

    /// <summary>Documents this step creates, committed with it, each only if its id is new (<see cref="CommitRecord"/>).</summary>
    public IReadOnlyList<CommitRecord> Records => _records;

    /// <summary>Creates <paramref name="record"/> with the step's commit; an id that exists makes the step be decided again.</summary>
    public void Create(CommitRecord record) => _records.Add(record);

    public void Say(string text, string language)
    {
        _texts.Add(text);
        Language ??= language;
    }

    public void Ask(string text, string language, IReadOnlyList<ReplyOption> options)
    {
        Say(text, language);
        Options = options;
    }

    /// <summary>Drops what was said so far (a question answered in the same message, e.g. "VOTE 2").</summary>
    public void ForgetSaid()
    {
        _texts.Clear();
        Options = [];
        Language = null;
    }

    public void Publish<T>(T @event, string idKey) where T : class =>
        _events.Add(OutboxEvent.Of(@event, idKey, Now));

    public void Count(string counter, string field, long delta = 1) => _counters.Add(new CounterIncrement(counter, field, delta));

    /// <summary>Everything said in this step as one reply (one SMS, one USSD screen), or none.</summary>
    public IReadOnlyList<Reply> Replies(string fallbackLanguage) =>
        _texts.Count == 0 ? [] : [new Reply(string.Join("\n\n", _texts), Options, Language ?? fallbackLanguage)];
}

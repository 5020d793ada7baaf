namespace Gateway.Conversations;

/// <summary>One abstract reply: a text and the numbered options that go with it. Channels render it (numbered lines, CON/END screen, buttons).</summary>
/// <param name="Text">The message text in the contact's language.</param>
/// <param name="Options">Choices the contact can answer with, in order; empty for plain messages.</param>
/// <param name="Language">Language the text is in (ar, fr, zgh, zgh-Latn).</param>
public sealed record Reply(string Text, IReadOnlyList<ReplyOption> Options, string Language)
{
    public static Reply Plain(string text, string language) => new(text, [], language);
}

/// <summary>A choice: <paramref name="Key"/> is what the contact types ("1") or the button id; <paramref name="Label"/> is shown.</summary>
public sealed record ReplyOption(string Key, string Label);

/// <summary>The outcome of one conversation step.</summary>
/// <param name="Replies">What to say back, in order (may be empty: opted-out contacts get nothing).</param>
/// <param name="ConversationOpen">True while a question awaits an answer (USSD: CON), false when the conversation ended (USSD: END).</param>
/// <param name="ContactId">The pseudonymous contact id.</param>
/// <param name="Duplicate">True when this was a provider retry answered from the idempotency record.</param>
public sealed record StepResult(IReadOnlyList<Reply> Replies, bool ConversationOpen, string ContactId, bool Duplicate = false);

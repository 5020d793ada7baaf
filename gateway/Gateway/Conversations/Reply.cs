namespace Gateway.Conversations;

/// <summary>One abstract reply: a text and the numbered options that go with it. Channels render it (numbered lines, CON/END screen, buttons).</summary>
/// <param name="Text">The message text in the contact's language.</param>
/// <param name="Options">Choices the contact can answer with, in order; empty for plain messages.</param>
/// <param name="Language">Language the text is in (ar, fr, zgh, zgh-Latn).</param>
/// <param name="AsWritten">
/// Written by a person (an alert, a poll invitation, a clerk's answer, a <c>SendMessage</c> text): sent exactly as it is,
/// as its preview showed and priced it; never folded to GSM-7 on the way (the author's own choice to fold was applied
/// before). The gateway's own texts (false) are folded by SMS when that makes them GSM-7.
/// </param>
public sealed record Reply(
    string Text,
    IReadOnlyList<ReplyOption> Options,
    string Language,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)] bool AsWritten = false)
{
    public static Reply Plain(string text, string language) => new(text, [], language);

    /// <summary>A text written by a person, sent as it is (<see cref="AsWritten"/>).</summary>
    public static Reply Written(string text, string language) => new(text, [], language, AsWritten: true);
}

/// <summary>A choice: <paramref name="Key"/> is what the contact types ("1") or the button id; <paramref name="Label"/> is shown.</summary>
public sealed record ReplyOption(string Key, string Label);

/// <summary>The outcome of one conversation step.</summary>
/// <param name="Replies">What to say back, in order (may be empty: opted-out contacts get nothing).</param>
/// <param name="ConversationOpen">True while a question awaits an answer (USSD: CON), false when the conversation ended (USSD: END).</param>
/// <param name="ContactId">The pseudonymous contact id.</param>
/// <param name="Duplicate">True when this was a provider retry answered from the idempotency record.</param>
public sealed record StepResult(IReadOnlyList<Reply> Replies, bool ConversationOpen, string ContactId, bool Duplicate = false);

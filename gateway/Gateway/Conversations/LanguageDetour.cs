namespace Gateway.Conversations;

/// <summary>
/// The language question as a detour: asked when the contact sends LANG, or when nothing says which language to answer
/// in (a USSD dial, digits, Darija in Latin letters). Once it is answered the conversation goes back to where it was (a
/// question in progress, asked again in the new language) or on to what was held for it (a report), else to the
/// language flow's own next flow (the menu); the <see cref="FlowRunner"/> follows the <see cref="FlowContinuation"/>
/// kept in the detour's session.
/// </summary>
public sealed class LanguageDetour(FlowRunner runner)
{
    public const string FlowId = "language";

    /// <summary>Asks the language; <paramref name="then"/> (if any) is where the conversation goes once it is answered.</summary>
    public async Task AskAsync(StepContext step, FlowContinuation? then = null)
    {
        await runner.StartFlowAsync(step, FlowId, null);
        if (then is not null && step.Contact.Session is { FlowId: FlowId } asking) then.WriteTo(asking.Vars);
    }

    /// <summary>LANG: the language question; a question in progress is kept and asked again, in the new language, once it is answered.</summary>
    public Task ChangeAsync(StepContext step)
    {
        var pending = runner.CurrentQuestion(step.Contact) is { } question && question.Flow.Id != FlowId ? step.Contact.Session : null;
        return AskAsync(step, pending is null ? null : FlowContinuation.Resume(pending));
    }
}

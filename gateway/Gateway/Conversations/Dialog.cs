using Gateway.Conversations.Actions;
using Gateway.Conversations.Flows;
using Gateway.Text;

namespace Gateway.Conversations;

/// <summary>
/// The router: decides where one message goes, in this order: opt-out state, global commands (STOP, START, HELP, LANG,
/// MENU), the features' extensions (<see cref="IDialogExtension.TryHandleAsync"/>), flow keywords, the answer to the
/// question in progress, a message nothing claimed (<see cref="IDialogExtension.TryTakeUnclaimedAsync"/>), then the
/// language question or a welcome or "not understood" with the menu. Flows are run by the <see cref="FlowRunner"/>, the
/// language question by the <see cref="LanguageDetour"/>; calls go one way, from here down.
/// Pure with respect to storage: it only changes the <see cref="StepContext"/>; the engine commits it.
/// </summary>
public sealed class Dialog(FlowTexts texts, FlowRunner runner, LanguageDetour language, FlowResolver flows, IEnumerable<IDialogExtension> extensions)
{
    private readonly IDialogExtension[] _extensions = [.. extensions];

    public const string MenuFlow = "menu";

    private FlowCatalog Catalog => texts.Catalog;

    public async Task RunAsync(StepContext step, bool isNewContact)
    {
        var contact = step.Contact;
        var message = step.Message;
        var raw = message.Payload ?? message.Text ?? "";
        var normalized = TextNormalizer.Normalize(raw);
        var command = Catalog.System.CommandOf(normalized);

        if (contact.OptedOut)
        {
            // Opted-out contacts get nothing but the confirmation of START.
            if (command == "start")
            {
                FlowActions.OptIn(step, "keyword");
                texts.SaySystem(step, "start_confirmed");
            }
            return;
        }

        // USSD: a new operator session is a new conversation.
        if (message.SessionKey is not null && contact.Session is { } s0 && s0.SessionKey != message.SessionKey)
            contact.Session = null;

        // Until the contact chooses, what they write suggests their language — commands included, so that "توقف" is
        // confirmed in Arabic. A chosen (or earlier guessed) language is never overridden.
        contact.Language ??= LanguageGuess.Of(raw);

        switch (command)
        {
            case "stop":
                FlowActions.OptOut(step, "keyword");
                texts.SaySystem(step, "stop_confirmed");
                return;
            case "start":
                texts.SaySystem(step, "already_subscribed");
                return;
            case "help":
                texts.SaySystem(step, "help");
                if (runner.CurrentQuestion(contact) is { } help) texts.Ask(step, help.Flow, help.Node);
                else if (contact.Language is null) await language.AskAsync(step);
                return;
            case "lang":
                await language.ChangeAsync(step);
                return;
            case "menu":
                // The language flow goes on to the menu once the language is known.
                if (contact.Language is null) await language.AskAsync(step);
                else await runner.StartFlowAsync(step, MenuFlow, null);
                return;
        }

        var expired = contact.Session is { } s1 && s1.ExpiresAt <= step.Now;
        if (expired) contact.Session = null;

        foreach (var extension in _extensions)
        {
            if (!await extension.TryHandleAsync(step, normalized)) continue;
            // The question in progress, if any, stays pending: ask it again, as after HELP. An offer made after another
            // flow (the profile after a report) is dropped instead: it can be made another time.
            if (FlowRunner.IsFollowUp(contact.Session)) contact.Session = null;
            else if (runner.CurrentQuestion(contact) is { } pending) texts.Ask(step, pending.Flow, pending.Node);
            return;
        }

        var firstWord = TextNormalizer.FirstWord(normalized);
        if (flows.MatchKeyword(firstWord, contact, message) is { } flow && StartsFlow(contact, normalized, firstWord))
        {
            var rest = normalized.Length > firstWord.Length ? normalized[(firstWord.Length + 1)..] : null;
            await runner.StartFlowAsync(step, flow.Id, rest);
            return;
        }

        if (contact.Session is not null)
        {
            if (runner.CurrentQuestion(contact) is not null) await runner.AnswerAsync(step, raw, normalized);
            else
            {
                // A session that waits for nothing (its flow or node is gone): as if there were none.
                contact.Session = null;
                await RunAsync(step, isNewContact: false);
            }
            return;
        }

        if (expired) texts.SaySystem(step, "expired");
        foreach (var extension in _extensions)
            if (await extension.TryTakeUnclaimedAsync(step, raw, normalized, isNewContact)) return;
        if (contact.Language is null)
        {
            // Nothing sure to go on (a USSD dial, digits only, Darija in Latin letters): ask.
            await language.AskAsync(step);
            return;
        }
        var firstUssdHop = message.Channel == ChannelKind.Ussd && normalized.Length == 0;
        if (isNewContact) texts.SaySystem(step, "welcome");
        else if (!expired && !firstUssdHop) texts.SaySystem(step, "unknown");
        await runner.StartFlowAsync(step, MenuFlow, null);
    }

    /// <summary>A keyword starts a flow unless the contact is typing free text, where only the bare keyword (maybe with a number) counts.</summary>
    private bool StartsFlow(ContactState contact, string normalized, string firstWord)
    {
        if (runner.CurrentQuestion(contact) is not { } current || current.Node.FreeText is null) return true;
        return normalized == firstWord || TextNormalizer.TryReadNumber(normalized[(firstWord.Length + 1)..], out _);
    }
}

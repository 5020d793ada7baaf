using Gateway.Admin.Access;
using Gateway.Admin;
using Gateway.Communes;
using Microsoft.AspNetCore.Http.HttpResults;
using Gateway.Conversations;
using Gateway.Conversations.Ports;

namespace Gateway.Simulator;

/// <summary>
/// What a commune's key may do with the simulator: speak as a citizen of its own commune only. It writes to its
/// commune's numbers (the default when <c>to</c> is left out), never as a contact of another commune, and it is never
/// told contact ids: an id is an HMAC of the number, so a key that could ask for any number's id could map the ids on
/// the bus back to numbers. A programme key, and the open simulator of Development and Testing, are not limited.
/// </summary>
public sealed class SimulatorScope(CommuneRegistry communes, IContactStore contacts, ContactIds ids)
{
    /// <summary>The caller when the simulator is behind a key limited to one commune; null when it is not limited.</summary>
    public static AdminCaller? CommuneCaller(HttpContext http) =>
        CallerClaims.Caller(http.User) is { IsProgramme: false } caller ? caller : null;

    /// <summary>The number to write to, or the problem refusing the message.</summary>
    public async Task<(string? To, ProblemHttpResult? Problem)> CheckAsync(AdminCaller caller, string from, string? to, bool ussd, CancellationToken cancellationToken)
    {
        if (communes.Find(caller.Commune) is not { } commune)
            return (null, Refused("from", $"Key '{caller.Name}' names no known commune."));
        to ??= commune.Numbers.FirstOrDefault(n => n.StartsWith('*') == ussd) ?? commune.Numbers.FirstOrDefault();
        if (to is null || communes.FindByNumber(to)?.Id != commune.Id)
            return (null, Refused("to", $"A key of {commune.Id} writes only to {commune.Id}'s numbers: {string.Join(", ", commune.Numbers)}."));
        if (!await IsOwnAsync(commune.Id, from, cancellationToken))
            return (null, Refused("from", $"A key of {commune.Id} speaks only as {commune.Id}'s citizens or new numbers."));
        return (to, null);
    }

    /// <summary>True when the number is not a contact yet or is one of this commune.</summary>
    public async Task<bool> IsOwnAsync(string commune, string phone, CancellationToken cancellationToken) =>
        await contacts.GetAsync(ids.For(phone), cancellationToken) is not { State.Commune: { } current }
        || current.Equals(commune, StringComparison.OrdinalIgnoreCase);

    private static ProblemHttpResult Refused(string field, string detail) =>
        TypedResults.Problem(title: "Not allowed for this key", detail: detail, statusCode: 403,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}

using System.Globalization;
using Gateway.Admin;
using Gateway.Communes;
using Gateway.Conversations;
using Gateway.OpenApi;

namespace Gateway.Feedback;

/// <summary>
/// Reads the list and export query parameters (<c>commune, status, kind, category, channel, language, overdue, simulated,
/// assignee, q, from, to, sort, limit, cursor</c>) into a <see cref="FeedbackQuery"/> scoped to the caller, or the
/// problems, one per parameter.
/// </summary>
public static class FeedbackListRequest
{
    public const int MaxLimit = 200;

    /// <summary>The parameters <see cref="Parse"/> reads, for the OpenAPI document (<c>.WithQueryParameters</c>).</summary>
    public static readonly IReadOnlyList<QueryParameter> Parameters =
    [
        new("commune", "Only this commune's reports (a commune key sees its own commune only; another is a 404)."),
        new("status", "Only reports in this status.", Values: FeedbackStatuses.All),
        new("kind", "Only reports of this kind.", Values: FeedbackKinds.All),
        new("category", "Only reports of this category (a service code of `/open311/v2/services.json`)."),
        new("channel", "Only reports that came by this channel.", Values: FeedbackChannels.All),
        new("language", "Only reports written in this language (`ar`, `fr`, `zgh`, ...)."),
        new("overdue", "Only reports past (true) or within (false) their answer time.", "boolean"),
        new("simulated", "Only reports from the simulator (true) or from real citizens (false).", "boolean"),
        new("assignee", "Only reports assigned to this team or person."),
        new("q", "Only reports whose text contains this (any script; case and accents ignored)."),
        new("from", "Only reports received at or after this time (ISO 8601 date or date-time).", Format: "date-time"),
        new("to", "Only reports received before this time (ISO 8601 date or date-time).", Format: "date-time"),
        new("sort", "Order: newest first (default), oldest first, or soonest due.", Values: ["newest", "oldest", "due"]),
        new("limit", $"Reports per page, 1 to {MaxLimit} (default 50; exports take all).", "integer"),
        new("cursor", "The `next` of the previous page."),
    ];

    public sealed record Parsed(FeedbackQuery? Query, Dictionary<string, string[]> Errors, bool CommuneHidden);

    public static Parsed Parse(IQueryCollection q, AdminCaller caller, CommuneRegistry communes, FeedbackCategories categories, DateTimeOffset now, int defaultLimit = 50)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? One(string name)
        {
            var values = q[name];
            if (values.Count > 1) errors[name] = [$"'{name}' may be given once."];
            return values.Count == 0 || string.IsNullOrWhiteSpace(values[0]) ? null : values[0]!.Trim();
        }
        string? OneOf(string name, IEnumerable<string> allowed)
        {
            var value = One(name);
            if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
                errors[name] = [$"Unknown {name} '{value}'; expected one of: {string.Join(", ", allowed)}."];
            return value;
        }
        bool? Flag(string name)
        {
            switch (One(name)?.ToLowerInvariant())
            {
                case null: return null;
                case "true" or "1" or "yes": return true;
                case "false" or "0" or "no": return false;
                default: errors[name] = [$"'{name}' must be true or false."]; return null;
            }
        }
        DateTimeOffset? Date(string name)
        {
            if (One(name) is not { } value) return null;
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)) return date;
            errors[name] = [$"'{name}' must be an ISO 8601 date or date-time (2026-11-24 or 2026-11-24T12:00:00Z)."];
            return null;
        }

        // Scope: a commune key sees its commune only (another one named is a 404, as its reports are); a programme key
        // sees every commune, and reports filed before the contact chose one (commune null).
        var commune = One("commune");
        IReadOnlyList<string?> scope;
        if (commune is not null)
        {
            var found = communes.Find(commune);
            if (found is null || !caller.CanSee(found.Id)) return new Parsed(null, errors, CommuneHidden: true);
            scope = [found.Id];
        }
        else scope = caller.IsProgramme ? [.. communes.All.Select(c => c.Id), null] : [caller.Commune];

        var sort = One("sort")?.ToLowerInvariant() switch
        {
            null or "newest" => FeedbackSort.Newest,
            "oldest" => FeedbackSort.Oldest,
            "due" => FeedbackSort.Due,
            var other => Invalid(errors, "sort", $"Unknown sort '{other}'; expected newest, oldest or due."),
        };
        var limit = defaultLimit;
        if (One("limit") is { } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            errors["limit"] = [$"'limit' must be a whole number from 1 to {MaxLimit}."];
        if (!FeedbackCursor.TryDecode(One("cursor"), out var cursor)) errors["cursor"] = ["'cursor' is not a cursor this API gave."];

        var query = new FeedbackQuery(scope, now, sort, limit, cursor)
        {
            Status = OneOf("status", FeedbackStatuses.All),
            Kind = OneOf("kind", FeedbackKinds.All),
            Category = OneOf("category", categories.Codes),
            Channel = OneOf("channel", FeedbackChannels.All),
            Language = OneOf("language", Languages.Known.Order(StringComparer.Ordinal)),
            Overdue = Flag("overdue"),
            Simulated = Flag("simulated"),
            Assignee = One("assignee"),
            From = Date("from"),
            To = Date("to"),
            Search = One("q"),
        };
        if (query.From is { } f && query.To is { } t && t <= f) errors["to"] = ["'to' must be after 'from'."];
        return new Parsed(errors.Count == 0 ? query : null, errors, false);
    }

    private static FeedbackSort Invalid(Dictionary<string, string[]> errors, string name, string problem)
    {
        errors[name] = [problem];
        return FeedbackSort.Newest;
    }
}

using Gateway.Conversations.Ports;
using System.Globalization;
using Gateway.Admin;
using Gateway.Admin.Access;
using Gateway.Communes;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Text;
using Gateway.OpenApi;
using Microsoft.Extensions.Options;

namespace Gateway.Feedback.Open311;

/// <summary>
/// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over the desk, under <c>/open311/v2/</c>, each resource as
/// <c>.json</c> and <c>.xml</c>: <c>discovery</c>, <c>services</c> (the feedback categories; names in <c>locale</c>),
/// <c>requests</c> (GET with the spec's filters, POST to create a report from a web form or a call centre) and
/// <c>requests/{id}</c>. <c>jurisdiction_id</c> is the commune, <c>service_request_id</c> the reference, <c>address</c> the
/// place; new, acknowledged and in progress are <c>open</c>, resolved and rejected <c>closed</c>, the desk status and the
/// last message to the citizen in <c>status_notes</c>.
/// <para>Discovery and services are public. Requests hold what citizens wrote, so reading them needs an admin key like
/// creating them (<c>api_key</c>, or the <c>X-Api-Key</c> header), scoped to its commune. No phone number nor contact id
/// ever appears; a POST's personal fields (name, email, phone, device) are not kept.</para>
/// </summary>
public static class Open311Api
{
    public const string Root = "/open311/v2";
    private const int DefaultMax = 1000;

    public static IEndpointRouteBuilder MapOpen311(this IEndpointRouteBuilder app)
    {
        var open311 = app.MapGroup(Root).WithTags("Open311").WithMetadata(ApiKeyParameter.Instance, Open311Documentation.ErrorFormat.Instance);
        // Public on purpose: what the endpoint is and which services it takes, as the spec intends. Requests need a key.
        open311.MapGet("/discovery.{format}", Discovery).AllowAnonymous().Produces(200, null, "application/json", "text/xml").AnswersErrors(UnknownFormatError);
        open311.MapGet("/services.{format}", Services).AllowAnonymous().Produces(200, null, "application/json", "text/xml")
            .AnswersErrors(UnknownFormatError, (404, "Unknown jurisdiction_id."));
        var requests = open311.MapGroup("").RequireAuthorization(GatewayPolicies.Read);
        requests.MapGet("/requests.{format}", ListAsync).WithQueryParameters(Open311Documentation.ListParameters)
            .Produces(200, null, "application/json", "text/xml")
            .AnswersErrors((400, "A filter is invalid (unknown service_code or status, a date that is not ISO 8601)."), (404, "Unknown format, or a jurisdiction_id the key may not see."));
        requests.MapPost("/requests.{format}", CreateAsync).DisableAntiforgery()
            .DocumentsBody<Open311RequestForm, RouteHandlerBuilder>("application/x-www-form-urlencoded")
            .Produces<Open311Created[]>(StatusCodes.Status201Created, Open311Documentation.MediaTypes[0], Open311Documentation.MediaTypes[1..])
            .AnswersErrors((400, "A field is missing or invalid (service_code, description, a place), or the body is not a form."),
                (404, "Unknown format, or a jurisdiction_id the key may not see."), (503, "No free reference was found, or the state store is unavailable; retry."));
        requests.MapGet("/requests/{id}.{format}", GetAsync).WithQueryParameters(Open311Documentation.GetParameters)
            .Produces(200, null, "application/json", "text/xml").AnswersErrors((404, "Unknown format, or no request of that id visible to this key."));
        return app;
    }

    /// <summary>
    /// The discovery document. Its endpoint URL is built from <c>Gateway:PublicBaseUrl</c> only, never from the request:
    /// clients cache discovery, so a forged Host header must not make the gateway advertise another server. Without a
    /// configured URL the endpoint is the path <c>/open311/v2</c> (the spec requires the field; a client resolves the path
    /// against the address it fetched discovery from).
    /// </summary>
    private static IResult Discovery(string format, IConfiguration configuration)
    {
        if (!Open311Format.IsKnown(format)) return UnknownFormat();
        var baseUrl = configuration["Gateway:PublicBaseUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/') : "";
        return Open311Format.WriteObject(format, "discovery", new Open311Format.Record()
            .Add("changeset", Changeset)
            .Add("contact", "The commune's citizen desk, through the gateway's operator.")
            .Add("key_service", "Admin API keys are issued by the programme (Admin:ApiKeys).")
            .Add("endpoints", (IEnumerable<Open311Format.Record>)
            [
                new Open311Format.Record()
                    .Add("specification", "http://wiki.open311.org/GeoReport_v2")
                    .Add("url", baseUrl + Root)
                    .Add("changeset", Changeset)
                    .Add("type", "production")
                    .Add("formats", (IEnumerable<string>)["text/xml", "application/json"]),
            ]));
    }

    /// <summary>When the published resources last changed shape (the categories come from flows/feedback.yaml).</summary>
    private static readonly DateTimeOffset Changeset = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

    private static IResult Services(string format, string? jurisdiction_id, string? locale, FeedbackCategories categories, CommuneRegistry communes)
    {
        if (!Open311Format.IsKnown(format)) return UnknownFormat();
        if (jurisdiction_id is { Length: > 0 } && communes.Find(jurisdiction_id) is null)
            return Open311Format.Error(format, 404, $"Unknown jurisdiction_id '{jurisdiction_id}'.");
        var chain = Languages.Chain(Locale(locale), null, null);
        return Open311Format.Write(format, "services", "service", categories.All.Select(c => new Open311Format.Record()
            .Add("service_code", c.Code)
            .Add("service_name", c.Name.Resolve(chain).Text)
            .Add("description", c.Name.Resolve(chain).Text)
            .Add("metadata", false)
            .Add("type", "realtime")
            .Add("keywords", string.Join(',', c.Name.Texts.Values))
            .Add("group", "feedback")));
    }

    private static async Task<IResult> ListAsync(string format, HttpRequest request, AdminCaller caller, FeedbackApi.Services desk, CancellationToken cancellationToken)
    {
        if (!Open311Format.IsKnown(format)) return UnknownFormat();
        var q = request.Query;
        var locale = Locale(q["locale"]);

        // service_request_id: one or more references, comma-delimited; the other filters do not apply (spec).
        if (q["service_request_id"].ToString() is { Length: > 0 } ids)
        {
            var found = new List<FeedbackReport>();
            foreach (var id in ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (FeedbackReferences.Parse(id) is { } r && await desk.Store.GetReportAsync(r, cancellationToken) is { } s && caller.CanSee(s.Report.Commune))
                    found.Add(s.Report);
            return WriteRequests(format, found, desk, locale);
        }

        IReadOnlyList<string?> scope;
        if (q["jurisdiction_id"].ToString() is { Length: > 0 } jurisdiction)
        {
            if (desk.Communes.Find(jurisdiction) is not { } commune || !caller.CanSee(commune.Id))
                return Open311Format.Error(format, 404, $"Unknown jurisdiction_id '{jurisdiction}'.");
            scope = [commune.Id];
        }
        else scope = caller.IsProgramme ? [.. desk.Communes.All.Select(c => c.Id), null] : [caller.Commune];

        var codes = q["service_code"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var code in codes)
            if (desk.Categories.Find(code) is null) return Open311Format.Error(format, 400, $"Unknown service_code '{code}'.");
        bool? open = q["status"].ToString() switch
        {
            "" => null,
            "open" => true,
            "closed" => false,
            _ => null,
        };
        if (q["status"].ToString() is { Length: > 0 } st && st is not ("open" or "closed"))
            return Open311Format.Error(format, 400, "status must be open or closed.");
        if (!TryDate(q["start_date"], out var start)) return Open311Format.Error(format, 400, "start_date must be an ISO 8601 date-time.");
        if (!TryDate(q["end_date"], out var end)) return Open311Format.Error(format, 400, "end_date must be an ISO 8601 date-time.");

        var query = new FeedbackQuery(scope, desk.Now, FeedbackSort.Newest, FeedbackListRequest.MaxLimit)
        {
            Category = codes.Length == 1 ? codes[0] : null,
            Open = open,
            From = start,
            To = end,
        };
        var reports = new List<FeedbackReport>();
        while (reports.Count < DefaultMax)
        {
            var page = await desk.Store.ListAsync(query, cancellationToken);
            reports.AddRange(page.Items.Where(r => codes.Length <= 1 || codes.Contains(r.Category)));
            if (page.Next is null || !FeedbackCursor.TryDecode(page.Next, out var next)) break;
            query = query with { After = next };
        }
        return WriteRequests(format, reports.Take(DefaultMax), desk, locale);
    }

    private static async Task<IResult> GetAsync(string id, string format, HttpRequest request, AdminCaller caller, FeedbackApi.Services desk, CancellationToken cancellationToken)
    {
        if (!Open311Format.IsKnown(format)) return UnknownFormat();
        if (FeedbackReferences.Parse(id) is { } r && await desk.Store.GetReportAsync(r, cancellationToken) is { } stored && caller.CanSee(stored.Report.Commune))
            return WriteRequests(format, [stored.Report], desk, Locale(request.Query["locale"]));
        return Open311Format.Error(format, 404, $"No service request '{id}' is visible to this key.");
    }

    private static async Task<IResult> CreateAsync(string format, HttpRequest request, AdminCaller caller, FeedbackApi.Services desk,
        FeedbackReferences references, IOptions<FeedbackOptions> options)
    {
        if (!Open311Format.IsKnown(format)) return UnknownFormat();
        if (!request.HasFormContentType) return Open311Format.Error(format, 400, "POST requests.{format} takes application/x-www-form-urlencoded fields (GeoReport v2).");
        if (await RequestForms.TryReadAsync(request) is not { } form) return Open311Format.Error(format, 400, RequestForms.Unreadable);
        var cancellationToken = request.HttpContext.RequestAborted;

        string? Field(string name) => form[name].ToString() is { Length: > 0 } v ? v.Trim() : null;
        var jurisdiction = Field("jurisdiction_id") ?? caller.Commune;
        if (jurisdiction is null) return Open311Format.Error(format, 400, "jurisdiction_id is required (the commune).");
        if (desk.Communes.Find(jurisdiction) is not { } commune || !caller.CanSee(commune.Id))
            return Open311Format.Error(format, 404, $"Unknown jurisdiction_id '{jurisdiction}'.");
        if (desk.Categories.Find(Field("service_code")) is not { } category)
            return Open311Format.Error(format, 400, $"service_code is required, one of: {string.Join(", ", desk.Categories.Codes)}.");
        var description = Field("description");
        if (description is null || description.Length < 3) return Open311Format.Error(format, 400, "description is required (3 characters or more).");
        if (description.Length > 4000) return Open311Format.Error(format, 400, "description is at most 4000 characters.");
        var address = Field("address_string");
        var (lat, lon) = (Field("lat"), Field("long"));
        if (address is null && Field("address_id") is null && (lat is null || lon is null))
            return Open311Format.Error(format, 400, "A location is required: address_string, address_id, or lat and long.");
        if ((lat ?? lon) is not null && (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || !double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            return Open311Format.Error(format, 400, "lat and long must be WGS84 decimal degrees.");
        var place = address ?? (lat is not null ? $"{lat},{lon}" : Field("address_id"));

        var now = desk.Now;
        var language = ScriptDetector.Detect(description) switch
        {
            Script.Arabic => Languages.Arabic,
            Script.Tifinagh => Languages.Tifinagh,
            _ => Locale(form["locale"]) ?? Languages.French,
        };
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var reference = references.Next();
            var report = FeedbackReport.Filed(reference, null, commune.Id, category.Code, description, place, FeedbackChannels.Open311, language,
                now, options.Value.AnswerWithin, simulated: false, by: caller.Name);
            var received = OutboxEvent.Of(new FeedbackReceived(reference, null, commune.Id, category.Code, description, place, FeedbackChannels.Open311, language, now)
                { Source = FeedbackReceived.Sources.Open311 },
                $"open311:{reference}", now);
            if (!await desk.Store.TryCreateAsync(report, [received], cancellationToken)) continue;
            return Open311Format.Write(format, "service_requests", "request",
                [new Open311Format.Record().Add("service_request_id", reference).Add("service_notice", null).Add("account_id", null)], 201);
        }
        return Open311Format.Error(format, 503, "No free reference was found; try again.");
    }

    private static IResult WriteRequests(string format, IEnumerable<FeedbackReport> reports, FeedbackApi.Services desk, string? locale)
    {
        var chain = Languages.Chain(locale, null, null);
        return Open311Format.Write(format, "service_requests", "request", reports.Select(r =>
        {
            var category = desk.Categories.Find(r.Category);
            var lastMessage = r.History.LastOrDefault(h => h.What == "status" && h.Message is { Count: > 0 })?.Message;
            var notes = lastMessage is null ? r.Status : $"{r.Status}: {new LocalizedText(lastMessage).Resolve(chain).Text}";
            return new Open311Format.Record()
                .Add("service_request_id", r.Reference)
                .Add("status", r.IsOpen ? "open" : "closed")
                .Add("status_notes", notes)
                .Add("service_name", category?.Name.Resolve(chain).Text ?? r.Category)
                .Add("service_code", r.Category)
                .Add("description", r.Text)
                .Add("agency_responsible", desk.Communes.Find(r.Commune) is { } c ? c.Name.Resolve(chain).Text : null)
                .Add("service_notice", null)
                .Add("requested_datetime", r.ReceivedAt)
                .Add("updated_datetime", r.UpdatedAt)
                .Add("expected_datetime", r.DueAt)
                .Add("address", r.Place)
                .Add("address_id", null)
                .Add("zipcode", null)
                .Add("lat", null)
                .Add("long", null)
                .Add("media_url", null);
        }));
    }

    private static string? Locale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale)) return null;
        if (Languages.IsKnown(locale)) return locale;
        var primary = locale.Split('-', '_')[0].ToLowerInvariant();
        return Languages.IsKnown(primary) ? primary : null;
    }

    private static bool TryDate(string? value, out DateTimeOffset? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        date = parsed;
        return true;
    }

    private static readonly (int, string) UnknownFormatError = (404, "Unknown format: use .json or .xml.");

    /// <summary>Open311's error list, in JSON (the format asked is the one not understood), like its other errors.</summary>
    private static IResult UnknownFormat() => Open311Format.Error("json", 404, "Unknown format: use .json or .xml.");
}

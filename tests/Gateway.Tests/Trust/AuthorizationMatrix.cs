namespace Gateway.Tests.Trust;

/// <summary>What a route asks of its caller.</summary>
public enum Rule
{
    /// <summary>Anyone, on purpose (the table says why).</summary>
    Public,

    /// <summary>Anyone may knock; the provider's signature check (VerifiedWebhook) decides, not a key.</summary>
    Webhook,

    /// <summary>Any signed-in caller: programme, staff, observers.</summary>
    Read,

    /// <summary>Callers who change things: never an observer.</summary>
    Write,

    /// <summary>The programme only.</summary>
    Programme,
}

/// <summary>Whose data the route touches: another commune's caller gets a 404 there.</summary>
public enum Scope
{
    /// <summary>Nobody's in particular (a list scoped to the caller, a public resource).</summary>
    None,

    /// <summary>The commune in the URL (<c>{commune}</c>): refused before the route runs.</summary>
    Route,

    /// <summary>Data found by id (a poll, an alert, a report, a contact) of the test's commune: refused by the route.</summary>
    Data,
}

public enum Outcome
{
    Allowed,
    Unauthorized,
    SignIn,
    Forbidden,
    NotFound,
}

public enum Who
{
    Anonymous,
    Programme,
    ProgrammeObserver,
    Staff,
    Observer,
    OtherStaff,
    OtherObserver,
    RevokedKey,
    ExpiredSession,
}

/// <summary>
/// The one table of who may use what: every endpoint of the running gateway (<c>METHOD pattern</c>) and every console form
/// (<c>form@page</c>), with its rule and scope. <see cref="AuthorizationMatrixSpecs"/> fails for an endpoint or form missing
/// here (nothing ships unclassified) and for a row that no longer exists.
/// </summary>
public static class AuthorizationMatrix
{
    public static readonly Dictionary<string, (Rule Rule, Scope Scope)> Endpoints = new(StringComparer.Ordinal)
    {
        // Public on purpose: the console's entry, health for load balancers, aggregate metrics for Prometheus, the running
        // version, the API's description for integrators, and Open311's discovery and service list (the spec's public resources).
        ["GET /"] = (Rule.Public, Scope.None),
        ["ANY /health/live"] = (Rule.Public, Scope.None),
        ["ANY /health/ready"] = (Rule.Public, Scope.None),
        ["ANY /metrics"] = (Rule.Public, Scope.None),
        ["GET /version"] = (Rule.Public, Scope.None),
        ["GET /openapi/{documentName}.json"] = (Rule.Public, Scope.None),
        ["GET /open311/v2/discovery.{format}"] = (Rule.Public, Scope.None),
        ["GET /open311/v2/services.{format}"] = (Rule.Public, Scope.None),
        // Blazor's redirect helper for enhanced navigation (the console does not use it): the fallback, like any route.
        ["GET /_framework/opaque-redirect"] = (Rule.Read, Scope.None),
        // The console's doors: signing in, out, and the language touch only the caller's own cookies.
        ["GET /console/signin"] = (Rule.Public, Scope.None),
        ["POST /console/signin"] = (Rule.Public, Scope.None),
        ["POST /console/signout"] = (Rule.Public, Scope.None),
        ["POST /console/language"] = (Rule.Public, Scope.None),
        ["GET /console/not-found"] = (Rule.Public, Scope.None),
        ["POST /console/not-found"] = (Rule.Public, Scope.None),

        // Providers' webhooks: their signatures, not keys.
        ["POST /webhooks/twilio/"] = (Rule.Webhook, Scope.None),
        ["POST /webhooks/twilio/status"] = (Rule.Webhook, Scope.None),
        ["GET /webhooks/whatsapp/"] = (Rule.Webhook, Scope.None),
        ["POST /webhooks/whatsapp/"] = (Rule.Webhook, Scope.None),
        ["GET /webhooks/kannel/"] = (Rule.Webhook, Scope.None),
        ["POST /webhooks/kannel/"] = (Rule.Webhook, Scope.None),
        ["GET /webhooks/kannel/dlr"] = (Rule.Webhook, Scope.None),
        ["POST /webhooks/kannel/dlr"] = (Rule.Webhook, Scope.None),
        ["POST /webhooks/infobip"] = (Rule.Webhook, Scope.None),
        ["POST /webhooks/africastalking/ussd"] = (Rule.Webhook, Scope.None),
        ["POST /webhooks/africastalking/ussd/events"] = (Rule.Webhook, Scope.None),
        ["POST /webhooks/ussd/{route}"] = (Rule.Webhook, Scope.None),

        // The admin API.
        ["GET /api/flows/"] = (Rule.Read, Scope.None),
        ["GET /api/flows/{id}/graph"] = (Rule.Read, Scope.None),
        ["POST /api/polls/"] = (Rule.Write, Scope.None),
        ["GET /api/polls/"] = (Rule.Read, Scope.None),
        ["GET /api/polls/{id}"] = (Rule.Read, Scope.Data),
        ["PUT /api/polls/{id}"] = (Rule.Write, Scope.Data),
        ["POST /api/polls/{id}/close"] = (Rule.Write, Scope.Data),
        ["GET /api/polls/{id}/results"] = (Rule.Read, Scope.Data),
        ["GET /api/polls/{id}/results.csv"] = (Rule.Read, Scope.Data),
        ["POST /api/alerts/preview"] = (Rule.Write, Scope.None),
        ["POST /api/alerts/"] = (Rule.Write, Scope.None),
        ["GET /api/alerts/"] = (Rule.Read, Scope.None),
        ["GET /api/alerts/{id}"] = (Rule.Read, Scope.Data),
        ["POST /api/alerts/{id}/cancel"] = (Rule.Write, Scope.Data),
        ["POST /api/communes/{commune}/subscribers:import"] = (Rule.Write, Scope.Route),
        ["GET /api/communes/{commune}/participation"] = (Rule.Read, Scope.Route),
        ["GET /api/communes/{commune}/places"] = (Rule.Read, Scope.Route),
        ["PUT /api/communes/{commune}/places"] = (Rule.Write, Scope.Route),
        ["GET /api/communes/{commune}/census"] = (Rule.Read, Scope.Route),
        ["PUT /api/communes/{commune}/census"] = (Rule.Write, Scope.Route),
        ["GET /api/feedback.csv"] = (Rule.Read, Scope.None),
        ["GET /api/feedback.json"] = (Rule.Read, Scope.None),
        ["GET /api/feedback/"] = (Rule.Read, Scope.None),
        ["GET /api/feedback/stats"] = (Rule.Read, Scope.None),
        ["GET /api/feedback/{reference}"] = (Rule.Read, Scope.Data),
        ["POST /api/feedback/{reference}/status"] = (Rule.Write, Scope.Data),
        ["POST /api/feedback/{reference}/notes"] = (Rule.Write, Scope.Data),
        ["PUT /api/feedback/{reference}/assignee"] = (Rule.Write, Scope.Data),
        ["GET /api/contacts/{phone}"] = (Rule.Read, Scope.Data),
        ["DELETE /api/contacts/{phone}"] = (Rule.Write, Scope.Data),
        ["GET /api/audit/"] = (Rule.Programme, Scope.None),
        ["GET /api/outbox/dead-letters"] = (Rule.Programme, Scope.None),
        ["GET /api/accounts/"] = (Rule.Programme, Scope.None),
        ["POST /api/accounts/"] = (Rule.Programme, Scope.None),
        ["POST /api/accounts/{login}/disable"] = (Rule.Programme, Scope.None),
        ["POST /api/accounts/{login}/enable"] = (Rule.Programme, Scope.None),
        ["POST /api/accounts/{login}/reset"] = (Rule.Programme, Scope.None),
        ["POST /api/webhooks/"] = (Rule.Write, Scope.None),
        ["GET /api/webhooks/"] = (Rule.Read, Scope.None),
        ["DELETE /api/webhooks/{id}"] = (Rule.Write, Scope.Data),
        ["GET /api/webhooks/{id}/deliveries"] = (Rule.Read, Scope.Data),
        ["POST /api/webhooks/{id}/replay"] = (Rule.Write, Scope.Data),
        ["POST /api/webhooks/{id}/enable"] = (Rule.Write, Scope.Data),
        // The simulator speaks as any citizen: staff trying flows (the matrix runs it closed, as in Production).
        ["POST /api/simulator/messages"] = (Rule.Write, Scope.None),
        ["GET /api/simulator/messages"] = (Rule.Read, Scope.None),

        // Open311's requests hold what citizens wrote.
        ["GET /open311/v2/requests.{format}"] = (Rule.Read, Scope.None),
        ["POST /open311/v2/requests.{format}"] = (Rule.Write, Scope.None),
        ["GET /open311/v2/requests/{id}.{format}"] = (Rule.Read, Scope.Data),

        // The console's pages (GET), and POST to a page (its forms, each classified below too).
        ["GET /console"] = (Rule.Read, Scope.None),
        ["POST /console"] = (Rule.Write, Scope.None),
        ["GET /console/accounts"] = (Rule.Programme, Scope.None),
        ["POST /console/accounts"] = (Rule.Programme, Scope.None),
        ["GET /console/{commune}"] = (Rule.Read, Scope.Route),
        ["POST /console/{commune}"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/inbox"] = (Rule.Read, Scope.Route),
        ["POST /console/{commune}/inbox"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/inbox/{reference}"] = (Rule.Read, Scope.Route),
        ["POST /console/{commune}/inbox/{reference}"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/polls"] = (Rule.Read, Scope.Route),
        ["POST /console/{commune}/polls"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/polls/new"] = (Rule.Write, Scope.Route),
        ["POST /console/{commune}/polls/new"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/polls/{id}"] = (Rule.Read, Scope.Route),
        ["POST /console/{commune}/polls/{id}"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/polls/{id}/edit"] = (Rule.Write, Scope.Route),
        ["POST /console/{commune}/polls/{id}/edit"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/alerts"] = (Rule.Read, Scope.Route),
        ["POST /console/{commune}/alerts"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/alerts/new"] = (Rule.Write, Scope.Route),
        ["POST /console/{commune}/alerts/new"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/alerts/templates"] = (Rule.Write, Scope.Route),
        ["POST /console/{commune}/alerts/templates"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/alerts/templates/{templateId}"] = (Rule.Write, Scope.Route),
        ["POST /console/{commune}/alerts/templates/{templateId}"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/alerts/{id}"] = (Rule.Read, Scope.Route),
        ["POST /console/{commune}/alerts/{id}"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/simulator"] = (Rule.Write, Scope.Route),
        ["POST /console/{commune}/simulator"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/flows"] = (Rule.Read, Scope.Route),
        ["POST /console/{commune}/flows"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/flows/{id}"] = (Rule.Read, Scope.Route),
        ["POST /console/{commune}/flows/{id}"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/participation"] = (Rule.Read, Scope.Route),
        ["POST /console/{commune}/participation"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/places"] = (Rule.Read, Scope.Route),
        ["POST /console/{commune}/places"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/webhooks"] = (Rule.Write, Scope.Route),
        // A citizen's page: staff and programme of the citizen's commune, never observers (issue 26 item 4).
        ["GET /console/{commune}/citizens/{contactId}"] = (Rule.Write, Scope.Route),
        ["POST /console/{commune}/citizens/{contactId}"] = (Rule.Write, Scope.Route),
        ["POST /console/{commune}/webhooks"] = (Rule.Write, Scope.Route),

        // The console's fragments, downloads and live streams.
        ["GET /console/{commune}/polls/{id}/live"] = (Rule.Read, Scope.Route),
        ["GET /console/{commune}/polls/{id}/results.csv"] = (Rule.Read, Scope.Route),
        ["GET /console/{commune}/alerts/{id}/live"] = (Rule.Read, Scope.Route),
        ["GET /console/{commune}/inbox/feedback.csv"] = (Rule.Read, Scope.Route),
        ["GET /console/{commune}/participation.csv"] = (Rule.Read, Scope.Route),
        ["POST /console/{commune}/polls/check"] = (Rule.Write, Scope.Route),
        ["POST /console/{commune}/alerts/preview"] = (Rule.Write, Scope.Route),
        ["POST /console/{commune}/inbox/{reference}/preview"] = (Rule.Write, Scope.Route),
        ["POST /console/{commune}/simulator/send"] = (Rule.Write, Scope.Route),
        ["GET /console/{commune}/simulator/side"] = (Rule.Write, Scope.Route),

        // The API's interactive page (Scalar): anonymous in Development only; elsewhere a console session (no browser sends a key).
        ["GET /console/api-reference/{documentName?}"] = (Rule.Read, Scope.None),
        // Its script and icon are the package's own files (served from the gateway, no CDN) and hold no data: public, as Scalar maps them.
        ["GET /console/api-reference/scalar.js"] = (Rule.Public, Scope.None),
        ["GET /console/api-reference/scalar.aspnetcore.js"] = (Rule.Public, Scope.None),
        ["GET /console/api-reference/favicon.svg"] = (Rule.Public, Scope.None),
    };

    /// <summary>Every console form (<c>@formname</c> of a page), posted with its <c>_handler</c>.</summary>
    public static readonly Dictionary<string, (Rule Rule, Scope Scope)> Forms = new(StringComparer.Ordinal)
    {
        ["signin@/console/signin"] = (Rule.Public, Scope.None),
        // A person's own sign-in and password change: the password is the proof (throttled), no session is needed.
        ["account-signin@/console/signin"] = (Rule.Public, Scope.None),
        ["password-change@/console/signin"] = (Rule.Public, Scope.None),
        ["account-create@/console/accounts"] = (Rule.Programme, Scope.None),
        ["account-action@/console/accounts"] = (Rule.Programme, Scope.None),
        ["status@/console/{commune}/inbox/{reference}"] = (Rule.Write, Scope.Route),
        ["assign@/console/{commune}/inbox/{reference}"] = (Rule.Write, Scope.Route),
        ["note@/console/{commune}/inbox/{reference}"] = (Rule.Write, Scope.Route),
        ["poll-create@/console/{commune}/polls/new"] = (Rule.Write, Scope.Route),
        ["poll-close@/console/{commune}/polls/{id}"] = (Rule.Write, Scope.Route),
        ["poll-edit@/console/{commune}/polls/{id}/edit"] = (Rule.Write, Scope.Route),
        ["alert-create@/console/{commune}/alerts/new"] = (Rule.Write, Scope.Route),
        ["template-save@/console/{commune}/alerts/templates/{templateId}"] = (Rule.Write, Scope.Route),
        ["template-delete@/console/{commune}/alerts/templates/{templateId}"] = (Rule.Write, Scope.Route),
        ["alert-cancel@/console/{commune}/alerts/{id}"] = (Rule.Write, Scope.Route),
        ["webhook-create@/console/{commune}/webhooks"] = (Rule.Write, Scope.Route),
        ["webhook-action@/console/{commune}/webhooks"] = (Rule.Write, Scope.Route),
        ["citizen-erase@/console/{commune}/citizens/{contactId}"] = (Rule.Write, Scope.Route),
        ["places-save@/console/{commune}/places"] = (Rule.Write, Scope.Route),
        ["census-save@/console/{commune}/participation"] = (Rule.Write, Scope.Route),
    };

    /// <summary>What <paramref name="who"/> must get from a route of this rule and scope (the console sends the signed-out to sign in).</summary>
    public static Outcome Expected(Rule rule, Scope scope, Who who, bool console)
    {
        if (rule is Rule.Public or Rule.Webhook) return Outcome.Allowed;
        if (who is Who.Anonymous or Who.RevokedKey or Who.ExpiredSession) return console ? Outcome.SignIn : Outcome.Unauthorized;
        var otherCommune = who is Who.OtherStaff or Who.OtherObserver;
        var observer = who is Who.ProgrammeObserver or Who.Observer or Who.OtherObserver;
        if (scope == Scope.Route && otherCommune) return Outcome.NotFound;
        if (rule == Rule.Programme) return who == Who.Programme ? Outcome.Allowed : Outcome.Forbidden;
        if (rule == Rule.Write && observer) return Outcome.Forbidden;
        if (scope == Scope.Data && otherCommune) return Outcome.NotFound;
        return Outcome.Allowed;
    }
}

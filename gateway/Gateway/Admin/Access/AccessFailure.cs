using Microsoft.AspNetCore.Authentication;

namespace Gateway.Admin.Access;

/// <summary>Why a request carrying credentials was not authenticated: each becomes its own answer (401, 503 or 400).</summary>
public enum AccessFailureKind
{
    /// <summary>Unknown, revoked or expired: 401 (the console: back to sign-in).</summary>
    Refused,

    /// <summary>No admin key is configured at all: 503, the operator has something to do.</summary>
    NotConfigured,

    /// <summary>A stored credential that cannot be checked while its store is unreadable: 503, fail closed, try again.</summary>
    StoreUnavailable,

    /// <summary>The request could not even be read for its credential (a broken form): 400.</summary>
    Malformed,
}

/// <summary>
/// What an authentication scheme says about a failure, kept for the answer: the framework's challenge knows only that
/// nobody was authenticated, and the caller deserves to know whether to fix their key or to retry.
/// </summary>
public static class AccessFailure
{
    public sealed record Failure(AccessFailureKind Kind, string Detail);

    public static AuthenticateResult Fail(HttpContext http, AccessFailureKind kind, string detail)
    {
        Set(http, kind, detail);
        return AuthenticateResult.Fail(detail);
    }

    public static void Set(HttpContext http, AccessFailureKind kind, string detail) => http.Items[typeof(Failure)] = new Failure(kind, detail);

    public static Failure? Of(HttpContext http) => http.Items[typeof(Failure)] as Failure;
}

using Gateway.Admin.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Admin.Accounts;

/// <summary>
/// Staff accounts for programme administrators: <c>GET /api/accounts</c>, <c>POST /api/accounts</c>,
/// <c>POST /api/accounts/{login}/disable</c>, <c>…/enable</c> and <c>…/reset</c>. Passwords the gateway makes are in the
/// answer only; hashes never leave the store. Every change is in the audit log (the API's trail records it).
/// </summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(GatewayPolicies.Programme);
        accounts.MapGet("/", ListAsync).WithSummary("List the staff accounts (never their passwords)");
        accounts.MapPost("/", CreateAsync).WithSummary("Create a staff account")
            .WithDescription("Without a password, one is made and answered this once; either way the person changes it at first sign-in.");
        accounts.MapPost("/{login}/disable", (string login, HttpContext http, StaffAccountDesk desk, CancellationToken ct) => SetDisabledAsync(login, true, http, desk, ct))
            .WithSummary("Disable an account: its sessions end at their next request");
        accounts.MapPost("/{login}/enable", (string login, HttpContext http, StaffAccountDesk desk, CancellationToken ct) => SetDisabledAsync(login, false, http, desk, ct))
            .WithSummary("Enable a disabled account");
        accounts.MapPost("/{login}/reset", ResetAsync).WithSummary("Reset an account's password")
            .WithDescription("Answers a new temporary password, this once; the person's sessions end and the next sign-in asks for a new one.");
        return app;
    }

    /// <summary>An account as listed: everything but its password's hash.</summary>
    public sealed record AccountView(string Login, string DisplayName, string? Commune, string Role, bool Disabled, bool MustChangePassword,
        DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy)
    {
        public static AccountView Of(StaffAccount a) =>
            new(a.Login, a.DisplayName, a.Commune, a.Role, a.Disabled, a.MustChangePassword, a.CreatedAt, a.CreatedBy, a.UpdatedAt, a.UpdatedBy);
    }

    /// <param name="Password">Optional: at least 12 characters, not holding the login; without it one is made.</param>
    public sealed record AccountRequest(string? Login, string? DisplayName, string? Role, string? Commune, string? Password);

    /// <param name="Password">The temporary password the gateway made, shown only in this answer (null when the request gave one).</param>
    public sealed record AccountIssued(AccountView Account, string? Password);

    /// <summary>Who the account's records name as having acted: the person when a person signed in, else the key.</summary>
    public static string Actor(AdminCaller caller) => caller.Person is { } login ? $"{caller.Name} ({login})" : caller.Name;

    private static AdminCaller Caller(this HttpContext http) =>
        CallerClaims.Caller(http.User) ?? throw new InvalidOperationException("The route must require an authenticated caller.");

    private static NotFound<ProblemDetails> Unknown(string login) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Unknown account", Detail = $"No staff account has the login '{login}'.", Status = 404 });

    private static async Task<Ok<IReadOnlyList<AccountView>>> ListAsync(StaffAccountDesk desk, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<AccountView>>([.. (await desk.ListAsync(cancellationToken)).Select(AccountView.Of)]);

    private static async Task<Results<Created<AccountIssued>, ValidationProblem, Conflict<ProblemDetails>>> CreateAsync(
        AccountRequest request, HttpContext http, StaffAccountDesk desk, CancellationToken cancellationToken)
    {
        var outcome = await desk.CreateAsync(new AccountDraft(request.Login, request.DisplayName, request.Role, request.Commune, request.Password),
            Actor(http.Caller()), cancellationToken);
        if (outcome.Problems.Any(p => p.Code == "account.taken"))
            return TypedResults.Conflict(new ProblemDetails { Title = "Login taken", Detail = $"A staff account has the login '{request.Login?.Trim().ToLowerInvariant()}' already.", Status = 409 });
        if (outcome.Account is not { } account)
            return TypedResults.ValidationProblem(outcome.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => English(p.Code)).ToArray()));
        return TypedResults.Created($"/api/accounts/{account.Login}", new AccountIssued(AccountView.Of(account), outcome.Password));
    }

    private static async Task<Results<Ok<AccountView>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> SetDisabledAsync(
        string login, bool disabled, HttpContext http, StaffAccountDesk desk, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        if (disabled && string.Equals(caller.Person, StaffAccount.Normalize(login), StringComparison.Ordinal))
            return TypedResults.Conflict(new ProblemDetails { Title = "Own account", Detail = "An administrator cannot disable their own account.", Status = 409 });
        return await desk.SetDisabledAsync(login, disabled, Actor(caller), cancellationToken) is { } account
            ? TypedResults.Ok(AccountView.Of(account))
            : Unknown(login);
    }

    private static async Task<Results<Ok<AccountIssued>, NotFound<ProblemDetails>>> ResetAsync(
        string login, HttpContext http, StaffAccountDesk desk, CancellationToken cancellationToken)
    {
        var outcome = await desk.ResetPasswordAsync(login, Actor(http.Caller()), cancellationToken);
        return outcome.Account is { } account ? TypedResults.Ok(new AccountIssued(AccountView.Of(account), outcome.Password)) : Unknown(login);
    }

    /// <summary>A problem code in English, for the API and the command line (the console says it in the clerk's language).</summary>
    public static string English(string code) => code switch
    {
        "account.login" => "The login must be 2-40 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.",
        "account.display" => "The display name is required (at most 80 characters).",
        "account.commune" => "Unknown commune.",
        "account.role" => "The role must be programme, staff or observer.",
        "account.programme-commune" => "A programme account covers every commune: leave out the commune, or choose staff or observer.",
        "account.staff-commune" => "A staff account needs its commune.",
        "account.taken" => "That login is taken.",
        "account.missing" => "No such account.",
        _ => PasswordRules.English(code),
    };
}

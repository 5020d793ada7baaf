using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gateway.Admin.Access;

/// <summary>Endpoint metadata: the route also takes its key as an <c>api_key</c> parameter (query or form), as Open311 does.</summary>
public sealed class ApiKeyParameter
{
    public const string Name = "api_key";
    public static readonly ApiKeyParameter Instance = new();
}

/// <summary>
/// The admin key scheme: <c>X-Api-Key</c>, or <c>api_key</c> where the route takes it (<see cref="ApiKeyParameter"/>),
/// looked up in <see cref="AdminKeys"/>. It runs before the route binds anything, so a wrong key is a 401 whatever the
/// body; a body it must read for the key and cannot is a 400, never a 5xx.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!keys.Configured)
            return AccessFailure.Fail(Context, AccessFailureKind.NotConfigured,
                "No admin API key is configured: create one with `keys create` and set Admin:ApiKeys.");
        var presented = Request.Headers[AdminExtensions.HeaderName].ToString();
        if (presented.Length == 0 && Context.GetEndpoint()?.Metadata.GetMetadata<ApiKeyParameter>() is not null)
        {
            presented = Request.Query[ApiKeyParameter.Name].ToString();
            if (presented.Length == 0 && Request.HasFormContentType)
            {
                if (await RequestForms.TryReadAsync(Request) is not { } form)
                    return AccessFailure.Fail(Context, AccessFailureKind.Malformed, RequestForms.Unreadable);
                presented = form[ApiKeyParameter.Name].ToString();
            }
        }
        if (presented.Length == 0) return AuthenticateResult.NoResult();
        var lookup = keys.Lookup(presented);
        if (lookup.StoreUnavailable)
            return AccessFailure.Fail(Context, AccessFailureKind.StoreUnavailable,
                "This key is not in configuration, and the key store (Redis) where `keys create` keeps keys cannot be read: "
                + "keys in configuration still work; stored keys work again once the store is back.");
        if (lookup.Caller is not { } caller)
            return AccessFailure.Fail(Context, AccessFailureKind.Refused, $"A valid {AdminExtensions.HeaderName} header is required.");
        return AuthenticateResult.Success(new AuthenticationTicket(CallerClaims.Principal(caller, Name), Name));
    }
}

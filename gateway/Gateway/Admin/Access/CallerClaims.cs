using System.Security.Claims;

namespace Gateway.Admin.Access;

/// <summary>
/// The one shape every authentication scheme gives a caller (an admin key, a console session, later a named staff
/// account): name, role (<c>programme</c>, <c>staff</c>, <c>observer</c>), commune (absent for the programme), the
/// credential that signed it in, and the person when there is one. Policies and handlers read only these claims.
/// </summary>
public static class CallerClaims
{
    public const string Commune = "gw:commune";
    public const string Credential = "gw:credential";
    public const string Person = "gw:person";

    public static string RoleName(AdminRole role) => role.ToString().ToLowerInvariant();

    public static ClaimsPrincipal Principal(AdminCaller caller, string scheme, IEnumerable<Claim>? extra = null)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.Name, caller.Name),
            new(ClaimTypes.Role, RoleName(caller.Role)),
            new(Credential, caller.Credential),
        ];
        if (caller.Commune is { } commune) claims.Add(new Claim(Commune, commune));
        if (caller.Person is { } person) claims.Add(new Claim(Person, person));
        if (extra is not null) claims.AddRange(extra);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The caller an authenticated principal stands for; null when anonymous.</summary>
    public static AdminCaller? Caller(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true } || user.FindFirstValue(ClaimTypes.Name) is not { } name) return null;
        if (!AdminKeys.TryParseRole(user.FindFirstValue(ClaimTypes.Role), out var role) || role is not { } parsed) return null;
        return new AdminCaller(name, user.FindFirstValue(Commune))
        {
            Role = parsed,
            Credential = user.FindFirstValue(Credential) ?? "",
            Person = user.FindFirstValue(Person),
        };
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Gateway.Admin;

/// <summary>What an admin key may do. Sight (which communes) is <see cref="AdminCaller.Commune"/>; the role says what it may change.</summary>
public enum AdminRole
{
    /// <summary>Everything, for every commune (only a key without a commune).</summary>
    Programme,

    /// <summary>A commune's staff: polls, alerts, reports and contacts of its commune.</summary>
    Staff,

    /// <summary>Reads results and reports; may not send, close, erase or answer (only GET and HEAD).</summary>
    Observer,
}

/// <summary>
/// One admin API key (section <c>Admin:ApiKeys</c>, a list). A key names one commune, or none for the whole programme.
/// Production holds only <see cref="Hash"/> (made by <c>keys create</c>); <see cref="Key"/> in clear is for Development
/// and tests, and refused elsewhere at start-up.
/// </summary>
public sealed class AdminKeyOptions
{
    /// <summary>The key in clear (Development and tests only).</summary>
    public string Key { get; set; } = "";

    /// <summary><c>sha256:</c> + the lowercase hex SHA-256 of the key.</summary>
    public string Hash { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The commune this key may touch; empty = every commune (the programme).</summary>
    public string? Commune { get; set; }

    /// <summary>programme, staff or observer; default programme for a key without commune, staff with one.</summary>
    public string? Role { get; set; }
}

/// <summary>
/// Who is calling an admin route and which communes they may touch. The one authorization seam of the admin API:
/// routes ask <see cref="CanSee"/> and answer 404 (not 403) for another commune's data; what a role may do is checked
/// before the route runs (<see cref="AdminExtensions.RequireRole"/>, and observers only read).
/// </summary>
public sealed record AdminCaller(string Name, string? Commune)
{
    public AdminRole Role { get; init; } = Commune is null ? AdminRole.Programme : AdminRole.Staff;

    public bool IsProgramme => Commune is null;

    /// <summary>False for an observer: it may read, not change anything.</summary>
    public bool CanAct => Role != AdminRole.Observer;

    public bool CanSee(string? commune) => IsProgramme || string.Equals(Commune, commune, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Minimal API parameter binding. The key is checked before the route runs (<see cref="AdminKeyCheck"/>), which puts
    /// the caller in <c>HttpContext.Items</c>; the header is looked up again only where that middleware is not in the pipeline.
    /// </summary>
    public static ValueTask<AdminCaller?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Items[typeof(AdminCaller)] as AdminCaller
            ?? context.RequestServices.GetRequiredService<AdminKeys>().Find(context.Request.Headers[AdminExtensions.HeaderName]));
}

/// <summary>
/// The configured keys, kept only as SHA-256 hashes and compared in constant time. Keys are random (32 bytes from
/// <c>keys create</c>), so a fast hash suffices: nothing is gained by guessing inputs to it.
/// </summary>
public sealed class AdminKeys
{
    public const string HashPrefix = "sha256:";

    /// <summary>The key of appsettings.Development.json (stored there as its hash), published in the README.</summary>
    public const string DevelopmentKey = "dev-programme-key-change-me";

    /// <summary>Clear keys shorter than this are ignored (a typo, not a key).</summary>
    public const int MinClearKeyLength = 16;

    private readonly List<(byte[] Hash, AdminCaller Caller)> _keys;

    public AdminKeys(IConfiguration configuration)
    {
        _keys = [];
        foreach (var option in Options(configuration))
        {
            var hash = option.Key.Length >= MinClearKeyLength ? HashOf(option.Key) : ParseHash(option.Hash);
            if (hash is null || !TryParseRole(option.Role, out var role)) continue;
            var commune = string.IsNullOrWhiteSpace(option.Commune) ? null : option.Commune.Trim();
            // The programme role is the whole programme's: a commune key asking for it is its commune's staff.
            var effective = role ?? (commune is null ? AdminRole.Programme : AdminRole.Staff);
            if (effective == AdminRole.Programme && commune is not null) effective = AdminRole.Staff;
            _keys.Add((hash, new AdminCaller(option.Name.Length > 0 ? option.Name : "key", commune) { Role = effective }));
        }
    }

    public bool Configured => _keys.Count > 0;

    /// <summary>The keys' owners (never the keys), for <c>keys list</c>.</summary>
    public IEnumerable<(AdminCaller Caller, string HashPrefix)> All => _keys.Select(k => (k.Caller, Convert.ToHexStringLower(k.Hash)[..12]));

    public AdminCaller? Find(string? presented)
    {
        if (string.IsNullOrEmpty(presented)) return null;
        var hash = HashOf(presented);
        AdminCaller? found = null;
        foreach (var (key, caller) in _keys)
            if (CryptographicOperations.FixedTimeEquals(key, hash)) found = caller;
        return found;
    }

    /// <summary>A new random key (32 bytes, base64url: 43 characters).</summary>
    public static string NewKey() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The form stored in configuration: <c>sha256:</c> + hex.</summary>
    public static string HashText(string key) => HashPrefix + Convert.ToHexStringLower(HashOf(key));

    public static bool TryParseRole(string? text, out AdminRole? role)
    {
        role = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (Enum.TryParse<AdminRole>(text.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            role = parsed;
            return true;
        }
        return false;
    }

    /// <summary>What makes the configured keys unsafe outside Development and Testing (see Hosting/ProductionSafety).</summary>
    public static IEnumerable<string> UnsafeSettings(IConfiguration configuration)
    {
        var options = Options(configuration);
        for (var i = 0; i < options.Count; i++)
        {
            var key = options[i];
            var name = $"Admin:ApiKeys:{i}";
            if (key.Key.Length > 0)
            {
                if (SecretRules.IsPublished(key.Key)) yield return $"{name}:Key is a published development key.";
                else if (key.Key.Length < SecretRules.MinAdminKeyLength) yield return $"{name}:Key is shorter than {SecretRules.MinAdminKeyLength} characters.";
                yield return $"{name}:Key holds a key in clear: store only its hash in {name}:Hash (dotnet Gateway.dll keys create prints both).";
            }
            else if (ParseHash(key.Hash) is not { } hash) yield return $"{name}:Hash is missing or not sha256:<64 hex digits>.";
            else if (CryptographicOperations.FixedTimeEquals(hash, HashOf(DevelopmentKey))) yield return $"{name}:Hash is the hash of the published development key.";
            if (!TryParseRole(key.Role, out _)) yield return $"{name}:Role must be programme, staff or observer.";
        }
    }

    private static List<AdminKeyOptions> Options(IConfiguration configuration) =>
        configuration.GetSection("Admin:ApiKeys").Get<List<AdminKeyOptions>>() ?? [];

    private static byte[] HashOf(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static byte[]? ParseHash(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var hex = text.Trim();
        if (hex.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase)) hex = hex[HashPrefix.Length..];
        if (hex.Length != 64) return null;
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

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
/// Who is calling and which communes they may touch, as read from the request's claims (<see cref="Access.CallerClaims"/>).
/// What a role may do, and the commune of the route, are decided before the route runs by the framework's authorization
/// (<see cref="Access.GatewayPolicies"/>); data found by id (a report, a poll) is checked with <see cref="CanSee"/>, the
/// same rule, and another commune's is a 404 (not a 403).
/// </summary>
public sealed record AdminCaller(string Name, string? Commune)
{
    public AdminRole Role { get; init; } = Commune is null ? AdminRole.Programme : AdminRole.Staff;

    public bool IsProgramme => Commune is null;

    /// <summary>False for an observer: it may read, not change anything.</summary>
    public bool CanAct => Role != AdminRole.Observer;

    /// <summary>
    /// What signed this caller in, stable across requests: <c>key:</c> + the key's SHA-256 (hex) for an admin key. A console
    /// session keeps it to ask again, on every request, whether that credential still stands; per-key limits count by it.
    /// </summary>
    public string Credential { get; init; } = "";

    /// <summary>The person acting, when a named account signed in (null for a machine key).</summary>
    public string? Person { get; init; }

    /// <summary>The one commune rule: the programme sees every commune, anyone else only their own.</summary>
    public bool CanSee(string? commune) => IsProgramme || string.Equals(Commune, commune, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Minimal API parameter binding: the caller the framework's authentication established (see Admin/Access), or null
    /// for an anonymous request (which authorization has refused before any handler that asks for a caller runs).
    /// </summary>
    public static ValueTask<AdminCaller?> BindAsync(HttpContext context) => ValueTask.FromResult(Access.CallerClaims.Caller(context.User));
}

/// <summary>
/// The admin keys, kept only as SHA-256 hashes and compared in constant time: those of configuration, and, when a store
/// is registered (Redis), those <c>keys create</c> stored there, minus the configuration keys <c>keys revoke</c> listed
/// there. Keys are random (32 bytes from <c>keys create</c>), so a fast hash suffices: nothing is gained by guessing
/// inputs to it. The store is read in the background every third of <see cref="CacheFor"/> (<see cref="Stored.AdminKeyRefresher"/>):
/// a revoked key stops working on every replica within that. When the store cannot be read for longer, configuration
/// keys still work (with the revocations last read) and stored keys fail closed (<see cref="KeyLookup.StoreUnavailable"/>).
/// </summary>
public sealed class AdminKeys
{
    public const string HashPrefix = "sha256:";

    /// <summary>The key of appsettings.Development.json (stored there as its hash), published in the README.</summary>
    public const string DevelopmentKey = "dev-programme-key-change-me";

    /// <summary>Clear keys shorter than this are ignored (a typo, not a key).</summary>
    public const int MinClearKeyLength = 16;

    /// <summary>Default of <c>Admin:KeyCache</c>: the longest a revoked key keeps working on a replica.</summary>
    public static readonly TimeSpan DefaultCacheFor = TimeSpan.FromSeconds(5);

    private readonly List<(byte[] Hash, AdminCaller Caller)> _keys;
    private readonly Stored.IAdminKeyStore? _store;
    private volatile StoreView? _view;

    public AdminKeys(IConfiguration configuration, Stored.IAdminKeyStore? store = null)
    {
        _keys = [];
        _store = store;
        CacheFor = configuration.GetValue<TimeSpan?>("Admin:KeyCache") is { } cache && cache > TimeSpan.Zero ? cache : DefaultCacheFor;
        foreach (var option in Options(configuration))
        {
            var hash = option.Key.Length >= MinClearKeyLength ? HashOf(option.Key) : ParseHash(option.Hash);
            if (hash is null || !TryParseRole(option.Role, out var role)) continue;
            _keys.Add((hash, Caller(hash, option.Name, option.Commune, role)));
        }
    }

    /// <summary>Whether any key can work: one in configuration, or a store that may hold some.</summary>
    public bool Configured => _keys.Count > 0 || _store is not null;

    public bool HasStore => _store is not null;

    /// <summary>How long a read of the store is trusted (<c>Admin:KeyCache</c>, default 5 s).</summary>
    public TimeSpan CacheFor { get; }

    /// <summary>How often the store is read: a third of <see cref="CacheFor"/>, so two reads may fail before stored keys do.</summary>
    public TimeSpan RefreshInterval => CacheFor / 3;

    /// <summary>The keys' owners (never the keys), for <c>keys list</c>.</summary>
    public IEnumerable<(AdminCaller Caller, string HashPrefix)> All => _keys.Select(k => (k.Caller, Convert.ToHexStringLower(k.Hash)[..12]));

    /// <summary>The caller the key belongs to, or null: unknown, revoked, or stored while the store cannot be read.</summary>
    public AdminCaller? Find(string? presented) => Lookup(presented).Caller;

    public KeyLookup Lookup(string? presented) => string.IsNullOrEmpty(presented) ? default : Lookup(HashOf(presented));

    /// <summary>The caller of a credential an earlier lookup gave (<see cref="AdminCaller.Credential"/>), as it stands now.</summary>
    public KeyLookup LookupCredential(string? credential) =>
        credential is { Length: > 0 } && credential.StartsWith(CredentialPrefix, StringComparison.Ordinal) && ParseHash(credential[CredentialPrefix.Length..]) is { } hash
            ? Lookup(hash)
            : default;

    private const string CredentialPrefix = "key:";

    private KeyLookup Lookup(byte[] hash)
    {
        var view = _view;
        // Revocations stay known while the store is down: a revoked key never comes back because Redis did.
        if (view is not null && view.Revoked.Contains(Convert.ToHexStringLower(hash))) return default;
        var found = Match(_keys, hash);
        if (found is not null || _store is null) return new KeyLookup(found, false);
        if (view is null || Environment.TickCount64 - view.ReadAt > (long)CacheFor.TotalMilliseconds) return new KeyLookup(null, true);
        return new KeyLookup(Match(view.Keys, hash), false);
    }

    /// <summary>Reads the store (when there is one). Throws what the store throws; the last good read stays in use until it ages out.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_store is null) return;
        var snapshot = await _store.ReadAsync(cancellationToken);
        List<(byte[] Hash, AdminCaller Caller)> keys = [];
        foreach (var key in snapshot.Keys)
            if (ParseHash(key.Hash) is { } hash && TryParseRole(key.Role, out var role)) keys.Add((hash, Caller(hash, key.Name, key.Commune, role)));
        var revoked = snapshot.Revoked.Select(r => ParseHash(r.Hash)).OfType<byte[]>().Select(Convert.ToHexStringLower).ToHashSet(StringComparer.Ordinal);
        _view = new StoreView(keys, revoked, Environment.TickCount64);
    }

    private static AdminCaller? Match(List<(byte[] Hash, AdminCaller Caller)> keys, byte[] hash)
    {
        AdminCaller? found = null;
        foreach (var (key, caller) in keys)
            if (CryptographicOperations.FixedTimeEquals(key, hash)) found = caller;
        return found;
    }

    private static AdminCaller Caller(byte[] hash, string name, string? communeText, AdminRole? role)
    {
        var commune = string.IsNullOrWhiteSpace(communeText) ? null : communeText.Trim();
        // The programme role is the whole programme's: a commune key asking for it is its commune's staff.
        var effective = role ?? (commune is null ? AdminRole.Programme : AdminRole.Staff);
        if (effective == AdminRole.Programme && commune is not null) effective = AdminRole.Staff;
        return new AdminCaller(name.Length > 0 ? name : "key", commune) { Role = effective, Credential = CredentialPrefix + Convert.ToHexStringLower(hash) };
    }

    private sealed record StoreView(List<(byte[] Hash, AdminCaller Caller)> Keys, HashSet<string> Revoked, long ReadAt);

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

    internal static byte[] HashOf(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    internal static byte[]? ParseHash(string? text)
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

/// <param name="Caller">Whose key it is; null when the key is unknown or revoked, or cannot be checked.</param>
/// <param name="StoreUnavailable">The key is not in configuration and the key store could not be read recently: it may be a stored key (503, not 401).</param>
public readonly record struct KeyLookup(AdminCaller? Caller, bool StoreUnavailable);

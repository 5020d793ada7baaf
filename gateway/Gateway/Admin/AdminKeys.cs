using System.Security.Cryptography;
using System.Text;

namespace Gateway.Admin;

/// <summary>One admin API key (section <c>Admin:ApiKeys</c>, a list). A key names one commune, or none for the whole programme.</summary>
public sealed class AdminKeyOptions
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The commune this key may touch; empty = every commune (the programme).</summary>
    public string? Commune { get; set; }
}

/// <summary>
/// Who is calling an admin route and which communes they may touch. The one authorization seam of the admin API:
/// routes ask <see cref="CanSee"/> and answer 404 (not 403) for another commune's data, so finer roles can come
/// later without touching the routes.
/// </summary>
public sealed record AdminCaller(string Name, string? Commune)
{
    public bool IsProgramme => Commune is null;

    public bool CanSee(string? commune) => IsProgramme || string.Equals(Commune, commune, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Minimal API parameter binding. Parameters are bound BEFORE endpoint filters run, so the caller cannot come from
    /// the filter's <c>HttpContext.Items</c> alone: it is looked up from the header here too. An invalid key binds null
    /// (400 pending), and the admin filter, which runs next, answers 401 instead.
    /// </summary>
    public static ValueTask<AdminCaller?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Items[typeof(AdminCaller)] as AdminCaller
            ?? context.RequestServices.GetRequiredService<AdminKeys>().Find(context.Request.Headers[AdminExtensions.HeaderName]));
}

/// <summary>The configured keys, compared in constant time.</summary>
public sealed class AdminKeys(IConfiguration configuration)
{
    private readonly List<(byte[] Key, AdminCaller Caller)> _keys = (configuration.GetSection("Admin:ApiKeys").Get<List<AdminKeyOptions>>() ?? [])
        .Where(k => k.Key.Length >= 16)
        .Select(k => (Encoding.UTF8.GetBytes(k.Key), new AdminCaller(k.Name.Length > 0 ? k.Name : "key", string.IsNullOrWhiteSpace(k.Commune) ? null : k.Commune)))
        .ToList();

    public bool Configured => _keys.Count > 0;

    public AdminCaller? Find(string? presented)
    {
        if (string.IsNullOrEmpty(presented)) return null;
        var bytes = Encoding.UTF8.GetBytes(presented);
        AdminCaller? found = null;
        foreach (var (key, caller) in _keys)
            if (CryptographicOperations.FixedTimeEquals(key, bytes)) found = caller;
        return found;
    }
}

using System.Text.RegularExpressions;
using Gateway.Admin;
using Gateway.Admin.Audit;
using Gateway.Admin.Stored;
using Gateway.Storage.Redis;

namespace Gateway.Hosting;

/// <summary>
/// <c>dotnet Gateway.dll keys create|list|revoke</c> (or <c>dotnet run --project gateway/Gateway -- keys …</c>): admin keys for
/// a deployment. With <c>ConnectionStrings:Redis</c> set, <c>create</c> stores the new key's hash in Redis (the key is
/// printed once, never stored) and <c>revoke</c> removes a stored key or lists a configuration key's hash as revoked:
/// either way every replica stops accepting it within <see cref="AdminKeys.CacheFor"/>, and both are in the audit log.
/// Without Redis, keys live in configuration (<c>Admin:ApiKeys</c>) as hashes: <c>create</c> prints the settings that
/// hold its hash and <c>revoke</c> names the settings to delete. Nothing secret is ever written to disk or to Redis.
/// </summary>
public static partial class KeysCommand
{
    public const string Usage = """
        usage: keys create --name NAME [--commune COMMUNE] [--role programme|staff|observer]
               keys list
               keys revoke NAME   (or --name NAME)
        """;

    /// <summary>Who the audit log names for what this command does.</summary>
    public static string Actor => "keys command (" + Environment.UserName + "@" + Environment.MachineName + ")";

    public static bool Matches(string[] args) => args is ["keys", ..];

    /// <returns>The process exit code: 0 done, 1 the key store cannot be reached, 2 bad usage.</returns>
    public static int Run(string[] args, IConfiguration configuration, TextWriter output, TextWriter errors)
    {
        var redis = Storage.StorageChoice.Of(configuration).RedisConfiguration;
        if (redis is null || args.ElementAtOrDefault(1) is not ("create" or "list" or "revoke"))
            return RunAsync(args, configuration, null, null, TimeProvider.System, output, errors).GetAwaiter().GetResult();
        // abortConnect=true here: a command, unlike the gateway, should fail at once when Redis cannot be reached.
        var options = RedisConnection.Options(redis);
        options.AbortOnConnectFail = true;
        StackExchange.Redis.ConnectionMultiplexer connection;
        try
        {
            connection = StackExchange.Redis.ConnectionMultiplexer.Connect(options);
        }
        catch (StackExchange.Redis.RedisConnectionException e)
        {
            errors.WriteLine($"keys: Redis (ConnectionStrings:Redis) cannot be reached, nothing was changed: {e.Message}");
            return 1;
        }
        using (connection)
            return RunAsync(args, configuration, new RedisAdminKeyStore(connection), new RedisAuditLog(connection),
                TimeProvider.System, output, errors).GetAwaiter().GetResult();
    }

    /// <summary>The command against a key store and audit log (none: keys in configuration only).</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, IAdminKeyStore? store, IAuditLog? audit,
        TimeProvider clock, TextWriter output, TextWriter errors)
    {
        var options = Options(args.Skip(2));
        var configured = configuration.GetSection("Admin:ApiKeys").Get<List<AdminKeyOptions>>() ?? [];
        try
        {
            switch (args.ElementAtOrDefault(1))
            {
                case "create":
                    return await CreateAsync(options, configured, configuration, store, audit, clock, output, errors);
                case "list":
                    await ListAsync(configured, store, output);
                    return 0;
                case "revoke":
                    return await RevokeAsync(options, args.Skip(2).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)),
                        configured, configuration, store, audit, clock, output, errors);
                default:
                    errors.WriteLine(Usage);
                    return 2;
            }
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            errors.WriteLine($"keys: the key store (Redis) failed, the command may not have taken effect: {e.Message}");
            return 1;
        }
    }

    private static async Task ListAsync(List<AdminKeyOptions> configured, IAdminKeyStore? store, TextWriter output)
    {
        var snapshot = store is null ? AdminKeyStoreSnapshot.Empty : await store.ReadAsync(CancellationToken.None);
        var revoked = snapshot.Revoked.Select(r => r.Hash.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < configured.Count; i++)
        {
            var key = configured[i];
            var hash = key.Key.Length >= AdminKeys.MinClearKeyLength ? AdminKeys.HashText(key.Key)
                : AdminKeys.ParseHash(key.Hash) is { } parsed ? AdminKeys.HashPrefix + Convert.ToHexStringLower(parsed) : null;
            output.WriteLine($"{i}	{key.Name}	{Role(key)}	{Scope(key.Commune)}	"
                + (key.Key.Length > 0 ? "KEY IN CLEAR (development only)" : key.Hash.Length > 20 ? key.Hash[..19] + "…" : "(no hash)")
                + (hash is not null && revoked.Contains(hash) ? "	REVOKED" : ""));
        }
        foreach (var key in snapshot.Keys.OrderBy(k => k.Name, StringComparer.OrdinalIgnoreCase))
            output.WriteLine($"stored	{key.Name}	{key.Role}	{Scope(key.Commune)}	{key.Hash[..19]}…	created {key.CreatedAt:yyyy-MM-dd HH:mm}Z");
        if (configured.Count == 0 && snapshot.Keys.Count == 0)
            output.WriteLine(store is null ? "No admin keys are configured (Admin:ApiKeys)." : "No admin keys are configured (Admin:ApiKeys) or stored (Redis).");
    }

    private static async Task<int> RevokeAsync(Dictionary<string, string> options, string? positional, List<AdminKeyOptions> configured,
        IConfiguration configuration, IAdminKeyStore? store, IAuditLog? audit, TimeProvider clock, TextWriter output, TextWriter errors)
    {
        if ((options.GetValueOrDefault("name") ?? positional) is not { Length: > 0 } name) return Fail(errors, "the name of the key to revoke is required.");
        var indexes = Enumerable.Range(0, configured.Count).Where(i => configured[i].Name.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (store is null)
        {
            if (indexes.Count == 0) return Fail(errors, $"No configured key is named '{name}'.");
            foreach (var i in indexes)
                output.WriteLine($"Delete the settings Admin__ApiKeys__{i}__* (key '{configured[i].Name}', {Role(configured[i])}) and restart every replica: the key stops working at once.");
            output.WriteLine("(Without ConnectionStrings:Redis there is no shared store to revoke it in, and nothing is recorded in the audit log.)");
            return 0;
        }

        if (await store.RemoveAsync(name, CancellationToken.None) is { } removed)
        {
            await RecordAsync(audit, clock, "key.revoked", removed.Name, removed.Role, removed.Commune);
            output.WriteLine($"Stored key '{removed.Name}' removed: every replica refuses it within {Seconds(configuration)}.");
            return 0;
        }
        if (indexes.Count == 0) return Fail(errors, $"No key is named '{name}', in configuration or stored.");
        foreach (var i in indexes)
        {
            var key = configured[i];
            var hash = key.Key.Length >= AdminKeys.MinClearKeyLength ? AdminKeys.HashText(key.Key)
                : AdminKeys.ParseHash(key.Hash) is { } parsed ? AdminKeys.HashPrefix + Convert.ToHexStringLower(parsed) : null;
            if (hash is null)
            {
                output.WriteLine($"Admin__ApiKeys__{i}__* ('{key.Name}') holds no valid key: nothing to revoke; delete the settings.");
                continue;
            }
            await store.RevokeAsync(new KeyRevocation(hash, key.Name, clock.GetUtcNow()), CancellationToken.None);
            await RecordAsync(audit, clock, "key.revoked", key.Name, Role(key), key.Commune);
            output.WriteLine($"Key '{key.Name}' (Admin__ApiKeys__{i}__*) revoked: every replica refuses it within {Seconds(configuration)}. "
                + "Delete its settings at the next deployment.");
        }
        return 0;
    }

    private static async Task<int> CreateAsync(Dictionary<string, string> options, List<AdminKeyOptions> configured, IConfiguration configuration,
        IAdminKeyStore? store, IAuditLog? audit, TimeProvider clock, TextWriter output, TextWriter errors)
    {
        if (!options.TryGetValue("name", out var name) || !NamePattern().IsMatch(name))
            return Fail(errors, "--name is required: 1-60 letters, digits, spaces, '.', '_' or '-'.");
        if (configured.Any(k => k.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            return Fail(errors, $"A key named '{name}' is already configured: names identify keys in the audit log.");
        options.TryGetValue("commune", out var commune);
        if (commune is not null && Communes.CommuneRegistry.FromConfiguration(configuration).Find(commune) is null)
            return Fail(errors, $"Unknown commune '{commune}' (see Communes in configuration).");
        options.TryGetValue("role", out var roleText);
        if (!AdminKeys.TryParseRole(roleText, out var role)) return Fail(errors, "--role must be programme, staff or observer.");
        var effective = role ?? (commune is null ? AdminRole.Programme : AdminRole.Staff);
        if (effective == AdminRole.Programme && commune is not null) return Fail(errors, "A programme key covers every commune: leave out --commune, or use --role staff.");
        var roleName = effective.ToString().ToLowerInvariant();

        var key = AdminKeys.NewKey();
        if (store is not null)
        {
            var stored = new StoredAdminKey(name, AdminKeys.HashText(key), commune, roleName, clock.GetUtcNow());
            if (!await store.TryAddAsync(stored, CancellationToken.None))
                return Fail(errors, $"A key named '{name}' is already stored: names identify keys in the audit log.");
            await RecordAsync(audit, clock, "key.created", name, roleName, commune);
        }
        output.WriteLine($"New admin key '{name}' ({roleName}{(commune is null ? ", every commune" : ", commune " + commune)}).");
        output.WriteLine();
        output.WriteLine("The key, shown only now (give it to its holder; it is sent as the X-Api-Key header):");
        output.WriteLine($"  {key}");
        output.WriteLine();
        if (store is not null)
        {
            output.WriteLine($"Its hash is stored in Redis (never the key): every replica accepts it within {Seconds(configuration)}. "
                + $"Revoke it with: keys revoke \"{name}\"");
            return 0;
        }
        var index = configured.Count;
        output.WriteLine("Add these settings (environment variables; the hash is not a secret, the key is never stored):");
        output.WriteLine($"  Admin__ApiKeys__{index}__Name={name}");
        output.WriteLine($"  Admin__ApiKeys__{index}__Role={roleName}");
        if (commune is not null) output.WriteLine($"  Admin__ApiKeys__{index}__Commune={commune}");
        output.WriteLine($"  Admin__ApiKeys__{index}__Hash={AdminKeys.HashText(key)}");
        return 0;
    }

    private static Task RecordAsync(IAuditLog? audit, TimeProvider clock, string action, string name, string role, string? commune) =>
        audit?.RecordAsync(new AuditEntry(clock.GetUtcNow(), Actor, null, "programme", action,
            $"name={name}, role={role}, commune={commune ?? "(programme)"}", 200) { Surface = AuditSurfaces.Cli }, CancellationToken.None) ?? Task.CompletedTask;

    private static string Seconds(IConfiguration configuration) =>
        $"{(configuration.GetValue<TimeSpan?>("Admin:KeyCache") ?? AdminKeys.DefaultCacheFor).TotalSeconds:0.#} s (Admin:KeyCache)";

    private static string Scope(string? commune) => string.IsNullOrWhiteSpace(commune) ? "(programme)" : commune;

    private static string Role(AdminKeyOptions key) =>
        AdminKeys.TryParseRole(key.Role, out var role) && role is { } r ? r.ToString().ToLowerInvariant()
        : string.IsNullOrWhiteSpace(key.Role) ? (string.IsNullOrWhiteSpace(key.Commune) ? "programme" : "staff") : "INVALID ROLE";

    private static Dictionary<string, string> Options(IEnumerable<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = arg.IndexOf('=');
                if (eq > 0) options[arg[2..eq]] = arg[(eq + 1)..];
                else pending = arg[2..];
            }
            else if (pending is not null)
            {
                options[pending] = arg;
                pending = null;
            }
        }
        return options;
    }

    private static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine("keys: " + message);
        errors.WriteLine(Usage);
        return 2;
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd} ._-]{1,60}$")]
    private static partial Regex NamePattern();
}

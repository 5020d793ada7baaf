using System.Text.RegularExpressions;

namespace Gateway.Admin;

/// <summary>
/// <c>dotnet Gateway.dll keys create|list|revoke</c> (or <c>dotnet run --project gateway/Gateway -- keys …</c>): admin keys for
/// a deployment. Keys live in configuration as hashes (<c>Admin:ApiKeys</c>), so <c>create</c> prints the new key once and
/// the settings that hold its hash; <c>revoke</c> names the settings to delete. Nothing secret is ever written to disk here.
/// </summary>
public static partial class KeysCommand
{
    public const string Usage = """
        usage: keys create --name NAME [--commune COMMUNE] [--role programme|staff|observer]
               keys list
               keys revoke --name NAME
        """;

    public static bool Matches(string[] args) => args is ["keys", ..];

    /// <returns>The process exit code: 0 done, 2 bad usage.</returns>
    public static int Run(string[] args, IConfiguration configuration, TextWriter output, TextWriter errors)
    {
        var options = Options(args.Skip(2));
        var configured = configuration.GetSection("Admin:ApiKeys").Get<List<AdminKeyOptions>>() ?? [];
        switch (args.ElementAtOrDefault(1))
        {
            case "create":
                return Create(options, configured, configuration, output, errors);
            case "list":
                for (var i = 0; i < configured.Count; i++)
                    output.WriteLine($"{i}\t{configured[i].Name}\t{Role(configured[i])}\t{(string.IsNullOrWhiteSpace(configured[i].Commune) ? "(programme)" : configured[i].Commune)}\t"
                        + (configured[i].Key.Length > 0 ? "KEY IN CLEAR (development only)" : configured[i].Hash.Length > 20 ? configured[i].Hash[..19] + "…" : "(no hash)"));
                if (configured.Count == 0) output.WriteLine("No admin keys are configured (Admin:ApiKeys).");
                return 0;
            case "revoke":
                if (!options.TryGetValue("name", out var name)) return Fail(errors, "--name is required.");
                var indexes = Enumerable.Range(0, configured.Count).Where(i => configured[i].Name.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
                if (indexes.Count == 0) return Fail(errors, $"No configured key is named '{name}'.");
                foreach (var i in indexes)
                    output.WriteLine($"Delete the settings Admin__ApiKeys__{i}__* (key '{configured[i].Name}', {Role(configured[i])}) and restart every replica: the key stops working at once.");
                return 0;
            default:
                errors.WriteLine(Usage);
                return 2;
        }
    }

    private static int Create(Dictionary<string, string> options, List<AdminKeyOptions> configured, IConfiguration configuration, TextWriter output, TextWriter errors)
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

        var key = AdminKeys.NewKey();
        var index = configured.Count;
        output.WriteLine($"New admin key '{name}' ({effective.ToString().ToLowerInvariant()}{(commune is null ? ", every commune" : ", commune " + commune)}).");
        output.WriteLine();
        output.WriteLine("The key, shown only now (give it to its holder; it is sent as the X-Api-Key header):");
        output.WriteLine($"  {key}");
        output.WriteLine();
        output.WriteLine("Add these settings (environment variables; the hash is not a secret, the key is never stored):");
        output.WriteLine($"  Admin__ApiKeys__{index}__Name={name}");
        output.WriteLine($"  Admin__ApiKeys__{index}__Role={effective.ToString().ToLowerInvariant()}");
        if (commune is not null) output.WriteLine($"  Admin__ApiKeys__{index}__Commune={commune}");
        output.WriteLine($"  Admin__ApiKeys__{index}__Hash={AdminKeys.HashText(key)}");
        return 0;
    }

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

using Gateway.Admin.Accounts;
using Gateway.Admin.Audit;
using Gateway.Communes;
using Gateway.Storage.Redis;

namespace Gateway.Hosting;

/// <summary>
/// <c>dotnet Gateway.dll accounts create|list|disable|enable|reset</c> (or <c>dotnet run --project gateway/Gateway -- accounts …</c>):
/// the first administrator, and a way back in when no administrator can sign in. With <c>ConnectionStrings:Redis</c> the
/// command writes the accounts every replica reads, and the audit log records it; without Redis the accounts live in the
/// gateway's memory, so <c>create</c> prints the settings (<c>Accounts:Initial</c>) that write the account at each start.
/// A password is made and printed once, or read from standard input (<c>--password-stdin</c>); only its hash is kept.
/// </summary>
public static class AccountsCommand
{
    public const string Usage = """
        usage: accounts create --user LOGIN --display "NAME" [--role programme|staff|observer] [--commune COMMUNE] [--password-stdin]
               accounts list
               accounts disable LOGIN | accounts enable LOGIN
               accounts reset LOGIN   (a new temporary password, changed at the next sign-in)
        """;

    public static string Actor => "accounts command (" + Environment.UserName + "@" + Environment.MachineName + ")";

    public static bool Matches(string[] args) => args is ["accounts", ..];

    /// <returns>The exit code: 0 done, 1 the store cannot be reached, 2 bad usage or refused.</returns>
    public static int Run(string[] args, IConfiguration configuration, TextReader input, TextWriter output, TextWriter errors)
    {
        if (Storage.StorageChoice.Of(configuration).RedisConfiguration is not { } redis)
            return RunAsync(args, configuration, null, null, TimeProvider.System, input, output, errors).GetAwaiter().GetResult();
        var options = RedisConnection.Options(redis);
        options.AbortOnConnectFail = true;
        StackExchange.Redis.ConnectionMultiplexer connection;
        try
        {
            connection = StackExchange.Redis.ConnectionMultiplexer.Connect(options);
        }
        catch (StackExchange.Redis.RedisConnectionException e)
        {
            errors.WriteLine($"accounts: Redis (ConnectionStrings:Redis) cannot be reached, nothing was changed: {e.Message}");
            return 1;
        }
        using (connection)
            return RunAsync(args, configuration, new RedisStaffAccounts(connection), new RedisAuditLog(connection), TimeProvider.System, input, output, errors)
                .GetAwaiter().GetResult();
    }

    /// <summary>The command against a store and audit log (none: the embedded default, whose accounts are settings).</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, IStaffAccounts? store, IAuditLog? audit, TimeProvider clock,
        TextReader input, TextWriter output, TextWriter errors)
    {
        var options = CommandLine.Options(args.Skip(2));
        var login = options.GetValueOrDefault("user") ?? args.Skip(2).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var desk = new StaffAccountDesk(store ?? new InMemoryStaffAccounts(clock),
            new SignInThrottle(store ?? new InMemoryStaffAccounts(clock), Microsoft.Extensions.Options.Options.Create(new AccountsOptions()), clock),
            CommuneRegistry.FromConfiguration(configuration), clock);
        try
        {
            switch (args.ElementAtOrDefault(1))
            {
                case "create":
                    return await CreateAsync(options, options.GetValueOrDefault("user"), configuration, desk, store is not null, audit, clock, input, output, errors);
                case "list":
                    return await ListAsync(configuration, desk, store is not null, output);
                case "disable" or "enable" or "reset" when store is null:
                    errors.WriteLine("accounts: without ConnectionStrings:Redis, accounts live in the running gateway's memory: "
                        + "a programme administrator disables, enables and resets them in the console (Comptes), or change Accounts:Initial and restart.");
                    return 2;
                case "disable" or "enable" when login is { Length: > 0 }:
                    var changed = await desk.SetDisabledAsync(login, args[1] == "disable", Actor, CancellationToken.None);
                    if (changed is null) return Fail(errors, $"No account has the login '{login}'.");
                    await RecordAsync(audit, clock, "account." + args[1] + "d", changed);
                    output.WriteLine($"Account '{changed.Login}' {args[1]}d{(changed.Disabled ? ": its sessions end at their next request." : ".")}");
                    return 0;
                case "reset" when login is { Length: > 0 }:
                    var reset = await desk.ResetPasswordAsync(login, Actor, CancellationToken.None);
                    if (reset.Account is null) return Fail(errors, $"No account has the login '{login}'.");
                    await RecordAsync(audit, clock, "account.reset", reset.Account);
                    output.WriteLine($"New temporary password for '{reset.Account.Login}', shown only now (changed at the next sign-in):");
                    output.WriteLine($"  {reset.Password}");
                    return 0;
                default:
                    errors.WriteLine(Usage);
                    return 2;
            }
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            errors.WriteLine($"accounts: the store (Redis) failed, the command may not have taken effect: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> CreateAsync(Dictionary<string, string> options, string? login, IConfiguration configuration, StaffAccountDesk desk,
        bool stored, IAuditLog? audit, TimeProvider clock, TextReader input, TextWriter output, TextWriter errors)
    {
        string? password = null;
        if (options.ContainsKey("password-stdin")) password = input.ReadLine()?.TrimEnd('\r', '\n');
        var role = options.GetValueOrDefault("role") ?? (options.ContainsKey("commune") ? "staff" : "programme");
        var outcome = await desk.CreateAsync(new AccountDraft(login, options.GetValueOrDefault("display") ?? login, role,
            options.GetValueOrDefault("commune"), password), Actor, CancellationToken.None);
        if (outcome.Account is not { } account)
            return Fail(errors, string.Join(" ", outcome.Problems.Select(p => AccountsApi.English(p.Code))));
        output.WriteLine($"Staff account '{account.Login}' ({account.DisplayName}; {account.Role}{(account.Commune is null ? ", every commune" : ", commune " + account.Commune)}).");
        if (outcome.Password is { } made)
        {
            output.WriteLine("Its temporary password, shown only now (give it to its holder; the first sign-in asks for a new one):");
            output.WriteLine($"  {made}");
        }
        if (stored)
        {
            await RecordAsync(audit, clock, "account.created", account);
            output.WriteLine("Stored in Redis: every replica accepts it now. Sign in at /console/signin.");
            return 0;
        }
        var index = (configuration.GetSection("Accounts:Initial").Get<List<InitialAccount>>() ?? []).Count;
        output.WriteLine("Without Redis the gateway keeps accounts in memory: add these settings so that it writes the account at each start");
        output.WriteLine("(environment variables; the hash is not a secret, the password is never stored):");
        output.WriteLine($"  Accounts__Initial__{index}__Login={account.Login}");
        output.WriteLine($"  Accounts__Initial__{index}__DisplayName={account.DisplayName}");
        output.WriteLine($"  Accounts__Initial__{index}__Role={account.Role}");
        if (account.Commune is not null) output.WriteLine($"  Accounts__Initial__{index}__Commune={account.Commune}");
        output.WriteLine($"  Accounts__Initial__{index}__PasswordHash={account.PasswordHash}");
        return 0;
    }

    private static async Task<int> ListAsync(IConfiguration configuration, StaffAccountDesk desk, bool stored, TextWriter output)
    {
        if (!stored)
        {
            var initial = configuration.GetSection("Accounts:Initial").Get<List<InitialAccount>>() ?? [];
            foreach (var a in initial) output.WriteLine($"initial	{a.Login}	{a.DisplayName}	{a.Role ?? "programme"}	{a.Commune ?? "(programme)"}");
            output.WriteLine(initial.Count == 0
                ? "No accounts in Accounts:Initial. Without Redis, the others live in the running gateway's memory (see its console)."
                : "Without Redis, the other accounts live in the running gateway's memory (see its console).");
            return 0;
        }
        var accounts = await desk.ListAsync(CancellationToken.None);
        foreach (var a in accounts)
            output.WriteLine($"{a.Login}	{a.DisplayName}	{a.Role}	{a.Commune ?? "(programme)"}	{(a.Disabled ? "DISABLED" : a.MustChangePassword ? "must change password" : "active")}");
        if (accounts.Count == 0) output.WriteLine("No staff accounts are stored (Redis).");
        return 0;
    }

    private static Task RecordAsync(IAuditLog? audit, TimeProvider clock, string action, StaffAccount account) =>
        audit?.RecordAsync(new AuditEntry(clock.GetUtcNow(), Actor, null, "programme", action,
            $"login={account.Login}, role={account.Role}, commune={account.Commune ?? "(programme)"}", 200) { Surface = AuditSurfaces.Cli },
            CancellationToken.None) ?? Task.CompletedTask;

    private static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine("accounts: " + message);
        errors.WriteLine(Usage);
        return 2;
    }
}

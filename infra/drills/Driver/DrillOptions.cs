using System.Globalization;

namespace Gateway.Drills;

/// <summary>What one run drills and how big its load is: the fault's name, then <c>--key value</c> pairs, each with an environment default.</summary>
public sealed record DrillOptions(
    string Fault,
    int Votes,
    double VotesPerSecond,
    int Reports,
    int Audience,
    double AlertPerSecond,
    TimeSpan FaultAfter,
    TimeSpan BrokerOutage,
    TimeSpan ProviderFault,
    TimeSpan SettleTimeout,
    string Redis,
    string RabbitMq,
    string InfraScript,
    string? ResultFile)
{
    public static readonly IReadOnlyList<string> Faults =
        ["none", "rabbitmq-stop", "redis-master", "replica-kill", "provider-errors", "webhooks-twice", "contact-race", "replica-kill-broker-down"];

    public const string Usage =
        "usage: Gateway.Drills <fault> [--votes N] [--rate VOTES_PER_S] [--reports N] [--audience N] [--alert-rate MSG_PER_S]\n" +
        "       [--fault-after S] [--outage S] [--provider-fault S] [--settle S] [--result FILE]\n" +
        "faults: none, rabbitmq-stop, redis-master, replica-kill, provider-errors, webhooks-twice, contact-race, replica-kill-broker-down\n" +
        "needs ConnectionStrings__Redis, ConnectionStrings__RabbitMq and GATEWAY_INFRA_SCRIPT (infra/drills/run.sh sets them)";

    public static DrillOptions Parse(string[] args)
    {
        if (args.Length == 0 || !Faults.Contains(args[0])) throw new DrillSetupException(Usage);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) throw new DrillSetupException($"'{args[i]}' needs a value\n{Usage}");
            given[args[i][2..]] = args[i + 1];
        }

        // Each size: the argument, else DRILL_<NAME> from the environment (all.sh passes sizes that way), else the default.
        string Value(string name, string fallback) =>
            given.GetValueOrDefault(name) ?? Environment.GetEnvironmentVariable("DRILL_" + name.ToUpperInvariant().Replace('-', '_')) ?? fallback;
        int Int(string name, int fallback) => Positive(name, double.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture), d => (int)d);
        double Number(string name, double fallback) => Positive(name, double.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture), d => d);
        TimeSpan Seconds(string name, double fallback) => TimeSpan.FromSeconds(Number(name, fallback));
        string Required(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v
            ? v : throw new DrillSetupException($"{variable} is not set\n{Usage}");

        return new DrillOptions(
            args[0],
            Int("votes", 6000),
            Number("rate", 200),
            Int("reports", 40),
            Int("audience", 300),
            Number("alert-rate", 10),
            Seconds("fault-after", 8),
            Seconds("outage", 20),
            Seconds("provider-fault", 60),
            Seconds("settle", 180),
            Required("ConnectionStrings__Redis"),
            Required("ConnectionStrings__RabbitMq"),
            Required("GATEWAY_INFRA_SCRIPT"),
            given.GetValueOrDefault("result"));
    }

    private static T Positive<T>(string name, double value, Func<double, T> convert) =>
        value > 0 ? convert(value) : throw new DrillSetupException($"--{name} must be positive (got {value.ToString(CultureInfo.InvariantCulture)})");
}

/// <summary>The drill could not be set up (bad arguments, a replica that would not start): exit 2, not a drill result.</summary>
public sealed class DrillSetupException(string message) : Exception(message);

using System.Reflection;
using NetArchTest.Rules;

namespace Gateway.Tests.Architecture;

/// <summary>
/// The house's arrows run one way: a folder of gateway/Gateway may depend only on the folders below it in
/// <see cref="Layers"/> (the README's layout section says why each sits where it does). A dependency on a folder above
/// fails here with the types that hold it; since every arrow points down, no folder can be part of a cycle.
/// </summary>
public sealed class LayerSpecs
{
    /// <summary>Lowest first. Each entry is a top-level folder (namespace <c>Gateway.&lt;Folder&gt;</c>).</summary>
    public static readonly string[] Layers =
    [
        "Settings",       // options read and checked at start (AddValidatedOptions): framework only
        "Text",           // normalisation, scripts, languages, encodings, phone numbers: pure functions
        "Communes",       // the commune registry
        "Admin",          // admin keys and the caller's scope
        "OpenApi",        // what the API document says of a route, read from its metadata (transformers, metadata types)
        "Conversations",  // the core: flows, the engine, contact state, and the ports it needs (stores, outbox, senders)
        "Observability",  // metrics and the step observer
        "Storage",        // Redis and in-memory implementations of the core's ports
        "Bus",            // MassTransit, the outbox relay: the core's publishing port
        "Outbound",       // what the gateway sends on its own: senders, statuses, the bus commands that send
        "Profiles",       // the citizen profile (issue 24): cells, participation counters, places, the profile dialog
        "Contacts",       // features: audience, polls, alerts, the feedback desk
        "Abuse",          // inbound limits per phone number and per admin key, shared through the store
        "Polls",
        "Alerts",
        "Feedback",
        "Webhooks",       // outbound webhooks: partners' subscriptions to the features' events
        "Channels",       // providers: parse, verify, render, send
        "Simulator",
        "Components",     // the commune console (Razor pages)
        "Hosting",        // composition: errors, health, start-up checks
    ];

    /// <summary>
    /// Arrows that still point up, each with the way it goes away. The list may only shrink: an arrow not listed here fails
    /// the test, and so does a listed one that no longer exists (remove it).
    /// </summary>
    internal static readonly HashSet<string> KnownUpwardArrows =
    [
    ];

    private static readonly Assembly Gateway = typeof(Program).Assembly;

    [Fact]
    public void Every_folder_of_the_gateway_has_its_place_in_the_layers()
    {
        var folders = Gateway.GetTypes()
            .Select(t => t.Namespace?.Split('.') ?? [])
            .Where(parts => parts.Length >= 2 && parts[0] == "Gateway")
            .Select(parts => parts[1])
            .Where(folder => folder != "Contracts")
            .Distinct()
            .Order()
            .ToList();

        Assert.Empty(folders.Except(Layers));
    }

    [Fact]
    public void No_folder_depends_on_a_folder_above_it()
    {
        var violations = new List<string>();
        var arrows = new HashSet<string>();
        // The assembly is read once; each folder is checked against all the folders above it at once, and only a folder
        // that fails is checked again one upper folder at a time, to name its arrows (210 separate checks took 35 s).
        var types = Types.InAssembly(Gateway);
        for (var lower = 0; lower < Layers.Length - 1; lower++)
        {
            var folder = $@"^Gateway\.{Layers[lower]}(\.|$)";
            var above = Layers[(lower + 1)..];
            if (types.That().ResideInNamespaceMatching(folder).Should().NotHaveDependencyOnAny([.. above.Select(l => "Gateway." + l)]).GetResult().IsSuccessful)
                continue;
            foreach (var upper in above)
            {
                var result = types.That().ResideInNamespaceMatching(folder).Should().NotHaveDependencyOnAny($"Gateway.{upper}").GetResult();
                if (result.IsSuccessful) continue;
                var arrow = $"{Layers[lower]} -> {upper}";
                arrows.Add(arrow);
                if (!KnownUpwardArrows.Contains(arrow))
                    violations.AddRange(result.FailingTypes.Select(type => $"{arrow}: {type.FullName}"));
            }
        }

        Assert.True(violations.Count == 0, $"{violations.Count} arrows point up:\n" + string.Join("\n", violations.Distinct().Order()));
        Assert.Empty(KnownUpwardArrows.Except(arrows));
    }
}

namespace Gateway.Benchmarks.Http;

/// <summary>The bare endpoint, driven with the same Twilio forms as <see cref="TwilioScenario"/> (3 per walk).</summary>
public sealed class BaselineScenario : IScenario
{
    private readonly Phones _phones = new("6");
    private readonly string _run = Phones.RunId();

    public string Name => "baseline";
    public string Unit => "requests";

    public Task<ServerProcess> StartServerAsync(BenchSettings settings)
    {
        var port = ServerProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            // The same GC flavour as the gateway's build, so the memory columns compare like with like.
            ["DOTNET_gcServer"] = RepoPaths.GatewayUsesServerGc() ? "1" : "0",
        };
        var dll = typeof(BaselineServer).Assembly.Location;
        return ServerProcess.StartAsync("baseline", dll, [BaselineServer.Command, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            AppContext.BaseDirectory, port, environment, "/health/live");
    }

    public IReadOnlyList<WalkStep> Walk(long walk, Uri baseAddress)
    {
        var from = _phones.For(walk);
        return [.. TwilioScenario.Bodies.Select((body, i) => new WalkStep(
            () => TwilioRequests.Post(baseAddress, TwilioRequests.Form(from, body.Text, TwilioRequests.MessageSid(_run, walk, i)), null),
            "<Message>"))];
    }
}

/// <summary>
/// Issue 3: the real gateway's Twilio route, signed (X-Twilio-Signature), a distinct MessageSid per message (the
/// de-duplication record is written), the outbox relay on: a new number subscribes to meeting alerts in 3 steps,
/// "ABONNER" → "4" (the 4th commune, Agadir) → "1" (yes), which commits a ContactOptedIn event.
/// </summary>
public sealed class TwilioScenario : IScenario
{
    /// <summary>The subscribe flow (flows/subscribe.yaml) and a text each answer must contain.</summary>
    public static readonly (string Text, string Expect)[] Bodies =
    [
        ("ABONNER", "Quelle est votre commune"),
        ("4", "Agadir"),
        ("1", "vous recevrez les dates"),
    ];

    private readonly Phones _phones = new("6");
    private readonly string _run = Phones.RunId();

    public string Name => "twilio";
    public string Unit => "steps";

    public Task<ServerProcess> StartServerAsync(BenchSettings settings) => GatewayServer.StartAsync(settings);

    public IReadOnlyList<WalkStep> Walk(long walk, Uri baseAddress)
    {
        var from = _phones.For(walk);
        return [.. Bodies.Select((body, i) => new WalkStep(
            () => TwilioRequests.Post(baseAddress, TwilioRequests.Form(from, body.Text, TwilioRequests.MessageSid(_run, walk, i)), GatewayServer.AuthToken),
            body.Expect))];
    }
}

/// <summary>
/// Issue 5: Africa's Talking USSD sessions (<c>text</c> = every input so far joined by '*') on the generic code *123#,
/// typed as a citizen reads the screens: the language prompt (its options are on page 2: "99"), French, the root menu
/// (options on page 2 after the confirmation: "99"), feedback, commune 1, category, a description, place skipped →
/// END with the reference. 9 hops: 7 engine steps and 2 page turns (answered from the USSD session alone), one
/// FeedbackReceived event committed.
/// </summary>
public sealed class UssdScenario : IScenario
{
    public const string Path = "/webhooks/africastalking/ussd";

    /// <summary>The newest input of each hop and a text its screen must contain.</summary>
    public static readonly (string Input, string Expect)[] Hops =
    [
        ("", "CON Choisissez votre langue"),
        ("99", "Français"),
        ("1", "Que voulez-vous faire"),
        ("99", "Signaler un probl"),
        ("1", "Quelle est votre commune"),
        ("1", "Routes"),
        ("1", "crivez le probl"),
        ("Nid de poule devant l'ecole", "Quartier ou douar"),
        ("1", "END Merci"),
    ];

    private readonly Phones _phones = new("7");
    private readonly string _run = Phones.RunId();

    public string Name => "ussd";
    public string Unit => "hops";

    public Task<ServerProcess> StartServerAsync(BenchSettings settings) => GatewayServer.StartAsync(settings);

    public IReadOnlyList<WalkStep> Walk(long walk, Uri baseAddress)
    {
        var phone = _phones.For(walk);
        var session = $"ATUid_{_run}_{walk}";
        var steps = new List<WalkStep>(Hops.Length);
        var inputs = new List<string>();
        foreach (var (input, expect) in Hops)
        {
            if (steps.Count > 0) inputs.Add(input);
            var text = string.Join('*', inputs);
            steps.Add(new WalkStep(() => new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, Path))
            {
                Content = new FormUrlEncodedContent(
                [
                    new("sessionId", session), new("serviceCode", "*123#"), new("phoneNumber", phone),
                    new("networkCode", "60400"), new("text", text),
                ]),
            }, expect));
        }
        return steps;
    }
}

// Issue 6 (votes/s): /api/polls does not exist in this tree yet. When it does, add a VotesScenario here (PrepareAsync:
// POST /api/polls with an X-Api-Key; Walk: "KEYWORD" → "2" over TwilioRequests, expecting the confirmation) and list
// it in HttpBenchmarks.Scenarios. It is deliberately not in the menu until then.

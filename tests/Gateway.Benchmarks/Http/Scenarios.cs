namespace Gateway.Benchmarks.Http;

/// <summary>
/// The bare endpoint, driven with the same Twilio requests as <see cref="TwilioScenario"/> (3 per walk), signed too: the
/// endpoint ignores the header, but the load generator shares the 2 cores, so it must do the same work in both.
/// </summary>
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
            () => TwilioRequests.Post(baseAddress, TwilioRequests.Form(from, body.Text, TwilioRequests.MessageSid(_run, walk, i)), GatewayServer.AuthToken),
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
        ("ABONNER", "Votre commune"),
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
        ("", "CON Langue/اللغة/ⵜⵓⵜⵍⴰⵢⵜ\n1. Français"), // the options on the first screen: no "99" to reach them
        ("1", "Que voulez-vous faire ?\n1. Signaler un probl"),
        ("1", "Votre commune"),
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

/// <summary>
/// Issue 6: votes per second through the Twilio route. A poll of Casablanca (whose numbers include the benchmark's
/// Twilio number, set through GatewayServer) is created once; each walk is a new phone voting in one message,
/// "VOTE&lt;run&gt; n", which commits the vote, four live tallies and a PollVoteRecorded event atomically.
/// </summary>
public sealed class VotesScenario : IScenario
{
    private readonly Phones _phones = new("5");
    private readonly string _run = Phones.RunId();
    private string Keyword => "VOTE" + _run;

    public string Name => "votes";
    public string Unit => "votes";

    public Task<ServerProcess> StartServerAsync(BenchSettings settings) => GatewayServer.StartAsync(settings);

    private bool _prepared;

    public async Task PrepareAsync(HttpClient client)
    {
        // The harness may prepare more than once (smoke walk, then the run): one poll serves every walk.
        if (_prepared) return;
        _prepared = true;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/polls")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                commune = "casablanca",
                keyword = Keyword,
                question = new Dictionary<string, string> { ["fr"] = "Quel projet d'abord ?", ["ar"] = "أي مشروع أولا؟" },
                options = new[]
                {
                    new Dictionary<string, string> { ["fr"] = "Terrain de sport", ["ar"] = "ملعب" },
                    new Dictionary<string, string> { ["fr"] = "Bibliothèque", ["ar"] = "مكتبة" },
                    new Dictionary<string, string> { ["fr"] = "Éclairage", ["ar"] = "إنارة" },
                },
                closesAt = DateTimeOffset.UtcNow.AddDays(1),
            }),
        };
        request.Headers.Add("X-Api-Key", GatewayServer.AdminKey);
        var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new BenchmarkSetupException($"creating the poll failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public IReadOnlyList<WalkStep> Walk(long walk, Uri baseAddress)
    {
        var from = _phones.For(walk);
        var option = 1 + (int)(walk % 3);
        return [new WalkStep(
            () => TwilioRequests.Post(baseAddress, TwilioRequests.Form(from, $"{Keyword} {option}", TwilioRequests.MessageSid(_run, walk, 0), TwilioRequests.CasablancaNumber), GatewayServer.AuthToken),
            "Votre vote")];
    }
}

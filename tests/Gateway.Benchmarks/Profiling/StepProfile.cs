using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gateway.Benchmarks.Http;
using Gateway.Channels;
using Gateway.Channels.Twilio;
using Gateway.Conversations;
using Gateway.Storage;
using Gateway.Storage.Redis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Gateway.Conversations.Ports;

namespace Gateway.Benchmarks.Profiling;

/// <summary>
/// Where a Twilio step's time goes, without a profiler: the gateway's services composed in this process (as Program.cs
/// composes them, no HTTP, no hosted services), one walk at a time against the real Redis, each phase timed with a
/// stopwatch and its allocations counted (GC.GetTotalAllocatedBytes: exact enough with nothing else running).
/// <c>Gateway.Benchmarks profile [--walks N]</c>.
/// </summary>
public static class StepProfile
{
    public const string Command = "profile";

    public static async Task<int> RunAsync(string[] args)
    {
        var walks = args.Length == 2 && args[0] == "--walks" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        var redis = Environment.GetEnvironmentVariable("ConnectionStrings__Redis") is { Length: > 0 } r ? r
            : throw new BenchmarkSetupException("ConnectionStrings__Redis is not set");

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = RepoPaths.GatewayDirectory,
            EnvironmentName = "Production",
        });
        builder.Configuration["ConnectionStrings:Redis"] = redis;
        builder.Logging.ClearProviders();
        Gateway.Hosting.GatewayCoreExtensions.AddGatewayCore(builder);
        Gateway.Admin.AdminExtensions.AddAdminKeys(builder);
        StorageExtensions.AddGatewayStorage(builder);
        Gateway.Bus.BusExtensions.AddGatewayBus(builder);
        Gateway.Observability.ObservabilityExtensions.AddGatewayObservability(builder);
        ConversationsExtensions.AddConversations(builder);
        var timing = new PhaseTimes();
        builder.Services.AddSingleton(timing);
        builder.Services.AddSingleton<IContactStore>(sp => new TimedContactStore(sp.GetRequiredService<RedisStore>(), timing));
        await using var app = builder.Build();

        var engine = app.Services.GetRequiredService<IConversationEngine>();
        var multiplexer = app.Services.GetRequiredService<IConnectionMultiplexer>();
        var phones = new Phones("5");
        var run = Phones.RunId();
        const string token = "profile-token";
        const string url = "http://127.0.0.1:5000/webhooks/twilio";

        // Warm-up (JIT, flows, connection), then measure.
        for (var pass = 0; pass < 2; pass++)
        {
            var count = pass == 0 ? Math.Min(200, walks) : walks;
            timing.Reset();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            for (var w = 0; w < count; w++)
            {
                var from = phones.For(pass * 10_000_000L + w);
                for (var s = 0; s < TwilioScenario.Bodies.Length; s++)
                {
                    var form = TwilioRequests.Form(from, TwilioScenario.Bodies[s].Text, TwilioRequests.MessageSid(run, pass * 10_000_000L + w, s));
                    var body = Encoding.UTF8.GetBytes(string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
                    var signature = TwilioSignature.Compute(token, url, form);

                    var parsed = timing.Time("1 form parse (TwilioForm.Parse)", () => TwilioForm.Parse(body));
                    var valid = timing.Time("2 signature check (TwilioSignature.IsValid)", () => TwilioSignature.IsValid(token, signature, url, parsed.Pairs));
                    if (!valid) throw new InvalidOperationException("signature");
                    var inbound = TwilioInbound.Parse(parsed).Inbound!.ToInboundMessage();
                    var result = await timing.TimeAsync<StepResult>("3 engine.HandleAsync (total, incl. store)", () => engine.HandleAsync(inbound, CancellationToken.None));
                    var xml = timing.Time("4 render TwiML", () => new TwiMLResult([.. result.Replies.Select(SmsText.Render)]).Render());
                    if (!xml.Contains(TwilioScenario.Bodies[s].Expect, StringComparison.Ordinal)) throw new InvalidOperationException("unexpected reply: " + xml);
                }
            }
            wall.Stop();
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            if (pass == 0) continue;

            var pingWatch = Stopwatch.StartNew();
            for (var i = 0; i < 1000; i++) await multiplexer.GetDatabase().PingAsync();
            var steps = count * TwilioScenario.Bodies.Length;
            Console.WriteLine($"# Twilio step profile: {count} walks = {steps} steps, one at a time, real Redis");
            Console.WriteLine($"wall {wall.Elapsed.TotalMilliseconds / steps:0.000} ms/step, process CPU {cpuUsed.TotalMilliseconds / steps:0.000} ms/step, Redis PING round trip {pingWatch.Elapsed.TotalMilliseconds / 1000:0.000} ms");
            timing.Print(steps);
        }
        await PiecesAsync(app.Services, token, url);
        await ConcurrentAsync(engine, phones, run, walks);
        return 0;
    }

    /// <summary>
    /// The engine and store alone (no HTTP, no signature, no relay) with 64 walks in flight: CPU per step of this process,
    /// to compare with the server's CPU per request under the HTTP load.
    /// </summary>
    private static async Task ConcurrentAsync(IConversationEngine engine, Phones phones, string run, int walks)
    {
        const int concurrency = 64;
        for (var pass = 0; pass < 2; pass++)
        {
            var next = (pass + 2) * 10_000_000L;
            var last = next + walks;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var bytes = GC.GetTotalAllocatedBytes();
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                long w;
                while ((w = Interlocked.Increment(ref next)) <= last)
                {
                    var from = phones.For(w);
                    for (var s = 0; s < TwilioScenario.Bodies.Length; s++)
                        await engine.HandleAsync(new InboundMessage(ChannelKind.Sms, "twilio", from, TwilioRequests.To, TwilioScenario.Bodies[s].Text, null,
                            TwilioRequests.MessageSid(run, w, s)), CancellationToken.None);
                }
            })));
            wall.Stop();
            if (pass == 0) continue;
            var steps = walks * TwilioScenario.Bodies.Length;
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine();
            Console.WriteLine($"# Engine + Redis store alone, {concurrency} walks in flight, {steps} steps: {steps / wall.Elapsed.TotalSeconds:0} steps/s, " +
                $"CPU {used.TotalMilliseconds / steps:0.000} ms/step, {(GC.GetTotalAllocatedBytes() - bytes) / 1024.0 / steps:0.0} KB/step");
        }
    }

    /// <summary>The engine's own pieces, each alone in a loop (no Redis): per call µs and KB.</summary>
    private static async Task PiecesAsync(IServiceProvider services, string token, string url)
    {
        const int n = 3000;
        var timing = new PhaseTimes();
        var dialog = services.GetRequiredService<Dialog>();
        var ids = services.GetRequiredService<Gateway.Conversations.ContactIds>();
        var flow = services.GetRequiredService<Gateway.Conversations.Flows.FlowCatalog>().Find("subscribe")!;
        var form = TwilioRequests.Form("+212612345678", "ABONNER", "SM0123456789abcdef0123456789abcdef");
        var signature = TwilioSignature.Compute(token, url, form);
        ContactState? sample = null;
        for (var pass = 0; pass < 2; pass++)
        {
            timing.Reset();
            for (var i = 0; i < n; i++)
            {
                timing.Time("a TwilioSignature.IsValid", () => TwilioSignature.IsValid(token, signature, url, form));
                timing.Time("b ContactIds.For", () => ids.For("+212612345678"));
                var state = "_start";
                timing.Time("c FlowMachine.Build(subscribe)", () => FlowMachine.Build(flow, () => state, v => state = v, NoopHooks.Instance));
                // A new contact's three messages, decided by the dialog alone (no store, no commit).
                var contact = new ContactState { ContactId = "cprofile", Phone = "+212612345678", CreatedAt = DateTimeOffset.UtcNow };
                for (var s = 0; s < TwilioScenario.Bodies.Length; s++)
                {
                    var message = new InboundMessage(ChannelKind.Sms, "twilio", "+212612345678", TwilioRequests.To, TwilioScenario.Bodies[s].Text, null, "SMx" + s);
                    await timing.TimeAsync("d Dialog.RunAsync (one of the 3 steps)", async () => { await dialog.RunAsync(new StepContext(contact, message, DateTimeOffset.UtcNow), s == 0); return 0; });
                    if (s == 1) sample = contact;
                    if (s == 1) timing.Time("e StoreJson.Serialize(ContactState)", () => StoreJson.Serialize(contact));
                }
                var json = StoreJson.Serialize(sample!);
                timing.Time("f StoreJson.Deserialize<ContactState>", () => StoreJson.Deserialize<ContactState>(json));
            }
        }
        Console.WriteLine();
        Console.WriteLine($"# Pieces, each alone, {n} times (no Redis); ContactState JSON after step 2: {StoreJson.Serialize(sample!).Length} chars");
        timing.Print(n, perCall: true);
    }

    private sealed class NoopHooks : FlowMachine.IHooks
    {
        public static readonly NoopHooks Instance = new();
        public Task EnterAsync(Gateway.Conversations.Flows.FlowNode node, bool reentry) => Task.CompletedTask;
        public Task GiveUpAsync() => Task.CompletedTask;
        public bool RetriesLeft(Gateway.Conversations.Flows.FlowNode node) => true;
    }
}

/// <summary>Wall time and allocated bytes per named phase.</summary>
public sealed class PhaseTimes
{
    private readonly Dictionary<string, (long Ticks, long Bytes, long Calls)> _phases = [];

    public void Reset() => _phases.Clear();

    public T Time<T>(string phase, Func<T> action)
    {
        var bytes = GC.GetTotalAllocatedBytes();
        var start = Stopwatch.GetTimestamp();
        var result = action();
        Add(phase, Stopwatch.GetTimestamp() - start, GC.GetTotalAllocatedBytes() - bytes);
        return result;
    }

    public async Task<T> TimeAsync<T>(string phase, Func<Task<T>> action)
    {
        var bytes = GC.GetTotalAllocatedBytes();
        var start = Stopwatch.GetTimestamp();
        var result = await action();
        Add(phase, Stopwatch.GetTimestamp() - start, GC.GetTotalAllocatedBytes() - bytes);
        return result;
    }

    private void Add(string phase, long ticks, long bytes)
    {
        var (t, b, c) = _phases.GetValueOrDefault(phase);
        _phases[phase] = (t + ticks, b + bytes, c + 1);
    }

    public void Print(int steps, bool perCall = false)
    {
        Console.WriteLine(perCall ? $"{"piece",-52} {"µs/call",9} {"KB/call",8}" : $"{"phase",-52} {"calls/step",10} {"µs/step",9} {"KB/step",8}");
        foreach (var (name, (ticks, bytes, calls)) in _phases.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var per = perCall ? calls : steps;
            var rate = perCall ? "" : $" {(double)calls / steps,10:0.00}";
            Console.WriteLine($"{name,-52}{rate} {ticks * 1e6 / Stopwatch.Frequency / per,9:0.0} {bytes / 1024.0 / per,8:0.0}");
        }
    }
}

/// <summary>The Redis store with each call timed (round trip + serialisation), so the engine's own work is the remainder.</summary>
public sealed class TimedContactStore(IContactStore inner, PhaseTimes timing) : IContactStore
{
    public Task<StoredContact?> GetAsync(string contactId, CancellationToken cancellationToken) =>
        timing.TimeAsync("3b store.GetAsync (HMGET + JSON)", () => inner.GetAsync(contactId, cancellationToken));

    public Task<StoredContact?> GetForStepAsync(string contactId, CancellationToken cancellationToken) =>
        timing.TimeAsync("3a store.GetForStepAsync (cache or HMGET + JSON)", () => inner.GetForStepAsync(contactId, cancellationToken));

    public Task<CommitOutcome> CommitAsync(ContactCommit commit, CancellationToken cancellationToken) =>
        timing.TimeAsync("3c store.CommitAsync (JSON + EVAL)", () => inner.CommitAsync(commit, cancellationToken));

    public Task<StepResult?> GetProcessedAsync(string contactId, string providerMessageId, CancellationToken cancellationToken) =>
        timing.TimeAsync("3d store.GetProcessedAsync (GET)", () => inner.GetProcessedAsync(contactId, providerMessageId, cancellationToken));

    public Task<bool> EraseAsync(string contactId, CancellationToken cancellationToken) => inner.EraseAsync(contactId, cancellationToken);
}

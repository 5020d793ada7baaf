using Gateway.Benchmarks;
using Gateway.Benchmarks.Http;
using Gateway.Benchmarks.Micro;
using Gateway.Benchmarks.Profiling;

// Load benchmarks of the gateway's webhook routes against real Redis and RabbitMQ (see README.md).
// dotnet run -c Release --project tests/Gateway.Benchmarks -- {baseline|twilio|ussd|all} [--connections 64] [--duration 20] [--warmup 5]
var command = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
try
{
    return command switch
    {
        "baseline" or "twilio" or "ussd" or "votes" or "all" or "webhooks" => await HttpBenchmarks.RunAsync(command, BenchSettings.Parse(rest)),
        // The bare endpoint, run as a child process of the benchmark so its memory is measured like the gateway's.
        BaselineServer.Command => await BaselineServer.RunAsync(rest),
        // Where a Twilio step's time goes (in-process, no HTTP): for looking into a slow result.
        StepProfile.Command => await StepProfile.RunAsync(rest),
        // What Redis itself spends per baseline request and per gateway step (no HTTP, no broker): the floor under each.
        RedisCost.Command => await RedisCost.RunAsync(rest),
        // A 10k and a 100k-recipient alert into a loopback provider (in process): messages/s and memory.
        "alerts" => await RunAlertsAsync(args),
        // List/filter latency of the feedback desk's staff API over 100,000 reports of one commune on Redis, and memory.
        "desk" => await RunDeskAsync(args),
        // The console's pages with 100,000 reports, and the webhook p99 with 100 live charts open.
        ConsoleBenchmark.Command => await ConsoleBenchmark.RunAsync(rest),
        // Hand-written Twilio signature check and TwiML against the Twilio package, and phone parsing: ns/op and B/op.
        TwilioPackageAB.Command => await TwilioPackageAB.RunAsync(rest),
        // Issue 24: a breakdown of a poll with 100,000 votes (p50/p99), and the vote commit with and without profile cells (A/B pairs).
        BreakdownBenchmark.Command => await BreakdownBenchmark.RunAsync(rest),
        BreakdownBenchmark.AbCommand => await BreakdownBenchmark.RunAbAsync(rest),
        _ => Usage(),
    };
}
catch (Exception e) when (e is BenchmarkSetupException or ServerProcessException)
{
    Console.Error.WriteLine($"benchmark: {e.Message}");
    return 2;
}

static async Task<int> RunAlertsAsync(string[] args)
{
    await AlertsBenchmark.RunAsync(args);
    return 0;
}

static async Task<int> RunDeskAsync(string[] args)
{
    await DeskBenchmark.RunAsync(args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Gateway.Benchmarks <benchmark> [options]
          baseline   bare minimal-API endpoint: parse the Twilio form, one Redis GET + SET, fixed TwiML
          twilio     real gateway, POST /webhooks/twilio signed, subscribe flow (ABONNER -> 4 -> 1), new numbers
          ussd       real gateway, POST /webhooks/africastalking/ussd, language -> menu -> feedback (7 hops)
          votes      real gateway, POST /webhooks/twilio signed, one-message votes ("BENCHVOTE 2") in a poll, new numbers
          all        baseline, twilio, ussd, votes in one run + a Markdown summary table
          webhooks   ussd with no webhook subscriber, then with one answering 500 to every delivery; checks nothing was lost
          console    console pages' server time with 100,000 reports; webhook p99 with and without 100 live charts [--reports N] [--watchers N]
          alerts     a 10,000 and a 100,000-recipient alert into a loopback provider [--redis] [sizes...]
          desk       feedback desk list/filter p50/p99 for pages of 50 among 100,000 reports on Redis [reports] [--iterations N]
          redis-cost Redis's own CPU and AOF bytes per baseline request and per gateway step (store, relay) [--steps N] --fresh-redis
          twilio-ab  in-process A/B: signature check and TwiML, hand-written vs Twilio package; phone parsing [iterations]
          breakdown  GET /api/polls/{id}/results?by=gender,age and by=place on a poll of 100,000 votes: p50/p99 [votes] [--iterations N] [--redis]
          vote-ab    the vote commit without and with its profile cells, alternating A/B pairs [--pairs N] [--commits N] [--redis]
          profile    time the phases of a Twilio step in-process (form, signature, engine, store calls, TwiML) [--walks N]
        options: --connections N (64)  --duration SECONDS (20)  --warmup SECONDS (30, then on until the JIT settles)  --max-warmup SECONDS (150)  --fresh-redis (FLUSHALL before each: a Redis of its own only)  --quiet-logs (gateway logs Warning+)
                 --gateway-env Key=Value (repeatable: configuration or runtime settings for the gateway process)
        environment: ConnectionStrings__Redis, ConnectionStrings__RabbitMq (required; see infra/bench.sh)
        """);
    return 1;
}

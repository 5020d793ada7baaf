using System.Globalization;
using System.Text;
using StackExchange.Redis;

namespace Gateway.Benchmarks.Http;

/// <summary>
/// The floor any design pays (issue 3): a bare minimal-API endpoint that parses the same Twilio form, does one Redis GET
/// and one SET, and returns a fixed TwiML. Runs as a child process (<c>Gateway.Benchmarks baseline-server --port N</c>)
/// so that its memory is measured exactly like the gateway's. No signature check, no de-duplication, no outbox.
/// </summary>
public static class BaselineServer
{
    public const string Command = "baseline-server";

    private const string TwiML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Merci, c'est noté.</Message></Response>";

    public static async Task<int> RunAsync(string[] args)
    {
        var port = args.Length == 2 && args[0] == "--port" ? int.Parse(args[1], CultureInfo.InvariantCulture)
            : throw new BenchmarkSetupException("usage: baseline-server --port N");
        var redisConnection = Environment.GetEnvironmentVariable("ConnectionStrings__Redis")
            ?? throw new BenchmarkSetupException("ConnectionStrings__Redis is not set");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection);
        var app = builder.Build();

        app.MapPost(TwilioRequests.Path, async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var key = "bench:baseline:" + form["From"].ToString();
            var db = redis.GetDatabase();
            var previous = await db.StringGetAsync(key);
            await db.StringSetAsync(key, form["Body"].ToString() + (previous.IsNull ? "" : "+"), TimeSpan.FromHours(1));
            return Results.Text(TwiML, "text/xml; charset=utf-8", Encoding.UTF8);
        });
        app.MapGet("/health/live", () => Results.Text("Healthy"));
        app.MapGet("/metrics", () => Results.Text(Metrics(), "text/plain; version=0.0.4"));
        await app.RunAsync();
        return 0;
    }

    /// <summary>The few Prometheus series <see cref="ServerMonitor"/> reads, under prometheus-net's names (as the gateway exposes them).</summary>
    private static string Metrics()
    {
        var text = new StringBuilder();
        for (var g = 0; g <= 2; g++)
            text.Append(CultureInfo.InvariantCulture, $"dotnet_collection_count_total{{generation=\"{g}\"}} {GC.CollectionCount(g)}\n");
        text.Append(CultureInfo.InvariantCulture, $"dotnet_total_memory_bytes {GC.GetTotalMemory(false)}\n");
        text.Append(CultureInfo.InvariantCulture, $"{ServerMonitor.AllocatedMetric} {GC.GetTotalAllocatedBytes()}\n");
        text.Append(CultureInfo.InvariantCulture, $"{ServerMonitor.JitTimeMetric} {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds}\n");
        return text.ToString();
    }
}

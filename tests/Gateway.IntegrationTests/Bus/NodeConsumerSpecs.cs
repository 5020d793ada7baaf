using System.Diagnostics;
using System.Text.Json;
using Gateway.Bus;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Conversations.Ports;
using Gateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.IntegrationTests.Bus;

/// <summary>
/// A consumer in another language, written only from the README's bus section (node-consumer/consume.mjs: amqplib and ajv,
/// pinned in infra/node-tools), receives each event type from the real RabbitMQ through the gateway's own relay, and each
/// message validates against its published schema (docs/bus/schemas). An Open311 report is among them: its
/// FeedbackReceived has no contact and says so.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class NodeConsumerSpecs
{
    private const string Contact = "c-node-consumer";

    [Fact]
    public async Task A_node_consumer_written_from_the_readme_receives_every_event_type_and_each_validates_against_its_schema()
    {
        var now = DateTimeOffset.UtcNow;
        object[] events =
        [
            new FeedbackReceived("R-N0DE", Contact, "agadir", "water", "ما كاين الما", "Hay Dakhla", "whatsapp", "ar", now),
            new FeedbackReceived("R-O311", null, "agadir", "roads", "Nid de poule", "Avenue Hassan II", "open311", "fr", now) { Source = FeedbackReceived.Sources.Open311 },
            new FeedbackStatusChanged("R-N0DE", "agadir", "new", "acknowledged", "agadir-desk", now, Contact),
            new PollVoteRecorded("p-node", 2, "agadir", "sms", "fr", Contact, false, null, now),
            new PollClosed("p-node", "agadir", [120, 87], 207, now),
            new ContactOptedOut(Contact, "agadir", null, "sms", now),
            new ContactOptedIn(Contact, "agadir", "meetings", "ar", now),
            new ContactErased(Contact, now),
            new MessageStatusChanged("SM-node", "twilio", "delivered", Contact, null, "a-node", now),
            new AlertCompleted("a-node", "agadir", "completed", 1200, 1180, 1150, 30, 20, now),
        ];
        var types = events.Select(e => e.GetType().Name).Distinct().ToArray();

        await Servers.FlushRedisAsync();
        await using var app = new IntegrationGatewayApplication();
        _ = app.Server; // starts the relay
        using var consumer = await NodeConsumer.StartAsync(Servers.RabbitMq, types);

        var store = app.Services.GetRequiredService<IContactStore>();
        var outbox = events.Select((e, i) => new OutboxEvent(EventIds.Deterministic(e.GetType().Name, $"node:{i}"), e.GetType().Name, e, now)).ToList();
        var state = new ContactState { ContactId = Contact, Phone = "+212600000009", CreatedAt = now };
        Assert.True(await store.TryCommitAsync(new ContactCommit(Contact, 0, state, outbox, [], null), CancellationToken.None));
        app.Services.GetRequiredService<OutboxSignal>().Notify();

        var lines = await consumer.ResultAsync();
        var received = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal(types.Order(), received.Select(r => r.GetProperty("type").GetString()!).Distinct().Order());
        foreach (var message in received)
        {
            Assert.True(message.GetProperty("valid").GetBoolean(), "invalid against its schema: " + message);
            Assert.Equal("application/vnd.masstransit+json", message.GetProperty("contentType").GetString());
            Assert.True(message.GetProperty("persistent").GetBoolean());
        }
    }

    /// <summary>The Node process: started, awaited until its queue is bound ("READY"), then read to its end.</summary>
    private sealed class NodeConsumer : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private NodeConsumer(Process process) => _process = process;

        public static async Task<NodeConsumer> StartAsync(string amqpUrl, string[] types)
        {
            var repository = Repository();
            var install = Process.Start(new ProcessStartInfo("bash", Path.Combine(repository, "infra", "node-tools.sh")) { UseShellExecute = false })!;
            await install.WaitForExitAsync();
            Assert.Equal(0, install.ExitCode);

            var script = Path.Combine(repository, "tests", "Gateway.IntegrationTests", "Bus", "node-consumer", "consume.mjs");
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in (string[])[script, amqpUrl, Path.Combine(repository, "docs", "bus", "schemas"), "120", .. types]) start.ArgumentList.Add(arg);
            var consumer = new NodeConsumer(Process.Start(start)!);
            consumer._process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                if (e.Data == "READY") consumer._ready.TrySetResult();
                else lock (consumer._lines) consumer._lines.Add(e.Data);
            };
            consumer._process.BeginOutputReadLine();
            var exited = consumer._process.WaitForExitAsync();
            if (await Task.WhenAny(consumer._ready.Task, exited) == exited)
                throw new InvalidOperationException("the node consumer stopped before binding: " + await consumer._process.StandardError.ReadToEndAsync());
            return consumer;
        }

        public async Task<List<string>> ResultAsync()
        {
            var stderr = _process.StandardError.ReadToEndAsync();
            await _process.WaitForExitAsync();
            lock (_lines)
                Assert.True(_process.ExitCode == 0, $"node consumer exited {_process.ExitCode}: {string.Join("\n", _lines)}\n{stderr.Result}");
            lock (_lines) return [.. _lines.Where(l => l.StartsWith('{'))];
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill();
            _process.Dispose();
        }

        private static string Repository()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("Gateway.sln not found above " + AppContext.BaseDirectory);
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Gateway.Bus;

/// <summary>
/// One RabbitMQ virtual host per deployment, checked at start. Two deployments on one virtual host share the gateway's
/// queues (same names: a frozen contract), so each takes the other's alert batches and commands. The first gateway to
/// start on a virtual host leaves its deployment's name in a marker queue (<c>gateway-deployment</c>: one message, at most
/// one, further publishes refused by the broker); every start reads it and refuses to start when it names another
/// deployment. Replicas of one deployment share its name (<c>Gateway:Deployment</c>, else derived from its commune list).
/// With the broker down at start there is nothing to read: the gateway starts (it must, to serve webhooks) and says so.
/// </summary>
public sealed partial class DeploymentMarker(RabbitMqAddress address, IConfiguration configuration, ILogger<DeploymentMarker> logger)
    : IHostedService
{
    public const string Queue = "gateway-deployment";
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var ours = DeploymentName(configuration);
        string theirs;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CheckTimeout);
            theirs = await ClaimOrReadAsync(ours, timeout.Token);
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or OperationCanceledException or AlreadyClosedException && !cancellationToken.IsCancellationRequested)
        {
            LogUnchecked(ex, address.VirtualHost);
            return;
        }
        if (theirs != ours)
            throw new DeploymentConflictException(
                $"The RabbitMQ virtual host '{address.VirtualHost}' is already used by the gateway deployment '{theirs}'; this one is '{ours}'. " +
                "Two deployments on one virtual host take each other's alert batches and commands: give each its own virtual host " +
                "(the path of ConnectionStrings__RabbitMq, e.g. amqp://user:pass@host/gateway-rabat), or, if this is the same deployment, " +
                $"set Gateway__Deployment to '{theirs}' on every replica.");
        LogChecked(address.VirtualHost, ours);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary><c>Gateway:Deployment</c>, else a name derived from the deployment's communes (the same on each of its replicas).</summary>
    public static string DeploymentName(IConfiguration configuration)
    {
        if (configuration["Gateway:Deployment"] is { Length: > 0 } named) return named.Trim();
        var communes = configuration.GetSection("Communes").GetChildren().Select(c => c["Id"] ?? "").Order(StringComparer.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(',', communes)));
        return "communes-" + Convert.ToHexStringLower(hash)[..12];
    }

    /// <summary>Leaves our name in the marker queue if it is empty, then reads the name it holds (ours or the first one's).</summary>
    private async Task<string> ClaimOrReadAsync(string ours, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = address.Host, Port = address.Port, VirtualHost = address.VirtualHost,
            UserName = address.Username, Password = address.Password, ClientProvidedName = "gateway-deployment-check",
        };
        if (address.UseTls) factory.Ssl = new SslOption { Enabled = true, ServerName = address.Host };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        var arguments = new Dictionary<string, object?>
        {
            ["x-max-length"] = 1,
            ["x-overflow"] = "reject-publish",
            // Always quorum, whatever Bus:QueueType says: switching that setting must not make this declaration fail.
            ["x-queue-type"] = "quorum",
        };
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
        try
        {
            var properties = new BasicProperties { DeliveryMode = DeliveryModes.Persistent, ContentType = "text/plain" };
            await channel.BasicPublishAsync("", Queue, mandatory: false, properties, Encoding.UTF8.GetBytes(ours), cancellationToken);
        }
        catch (PublishException)
        {
            // Refused: the queue already holds a name (ours from an earlier start, or another deployment's).
        }
        // Another replica starting may hold the message for an instant (its get, before its requeue): try again.
        for (var attempt = 0; ; attempt++)
        {
            if (await channel.BasicGetAsync(Queue, autoAck: false, cancellationToken) is { } marker)
            {
                await channel.BasicRejectAsync(marker.DeliveryTag, requeue: true, cancellationToken);
                return Encoding.UTF8.GetString(marker.Body.Span);
            }
            if (attempt == 20) throw new OperationCanceledException("The deployment marker queue stayed empty.");
            await Task.Delay(200, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "RabbitMQ virtual host {VirtualHost} belongs to this deployment ({Deployment})")]
    private partial void LogChecked(string virtualHost, string deployment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check at start that RabbitMQ virtual host {VirtualHost} is this deployment's alone (the broker did not answer); each deployment needs its own virtual host")]
    private partial void LogUnchecked(Exception ex, string virtualHost);
}

/// <summary>Another deployment already uses the configured RabbitMQ virtual host: the gateway refuses to start.</summary>
public sealed class DeploymentConflictException(string message) : Exception(message);

using Gateway.Bus;
using Gateway.IntegrationTests.Infrastructure;

namespace Gateway.IntegrationTests.Bus;

/// <summary>
/// Issue 23: two deployments sharing one RabbitMQ virtual host take each other's alert batches. The second to start on a
/// virtual host another deployment uses refuses to start with a sentence saying what to do; a second replica of the same
/// deployment starts.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class OneVirtualHostPerDeploymentSpecs
{
    [Fact]
    public async Task A_gateway_of_another_deployment_refuses_to_start_on_a_used_virtual_host_and_a_replica_of_the_same_one_starts()
    {
        var vhost = "deploy-" + Guid.NewGuid().ToString("N")[..8];
        await Servers.AddVhostAsync(vhost);
        try
        {
            var rabbitMq = Servers.RabbitMqOn(vhost);
            await using var rabat = new IntegrationGatewayApplication().With("ConnectionStrings:RabbitMq", rabbitMq).With("Gateway:Deployment", "rabat");
            _ = rabat.Server;
            await using var secondReplica = new IntegrationGatewayApplication().With("ConnectionStrings:RabbitMq", rabbitMq).With("Gateway:Deployment", "rabat");
            _ = secondReplica.Server;

            var agadir = new IntegrationGatewayApplication().With("ConnectionStrings:RabbitMq", rabbitMq).With("Gateway:Deployment", "agadir");
            Exception? refusal;
            try
            {
                refusal = Record.Exception(() => agadir.Server);
            }
            finally
            {
                // Its disposal looks for the bus of a host that never started, and meets the same refusal.
                try { await agadir.DisposeAsync(); }
                catch (Exception e) when (e.ToString().Contains(nameof(DeploymentConflictException), StringComparison.Ordinal)) { }
            }

            Assert.NotNull(refusal);
            var chain = refusal.ToString();
            Assert.Contains(nameof(DeploymentConflictException), chain);
            Assert.Contains($"The RabbitMQ virtual host '{vhost}' is already used by the gateway deployment 'rabat'; this one is 'agadir'", chain);
            Assert.Contains("give each its own virtual host", chain);
            // The first deployment still works: its bus is up on its virtual host.
            await Readiness.BusHealthyAsync(rabat.CreateClient());
        }
        finally
        {
            await Servers.DeleteVhostAsync(vhost);
        }
    }
}

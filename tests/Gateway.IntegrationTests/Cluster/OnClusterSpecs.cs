using Gateway.IntegrationTests.Admin;
using Gateway.IntegrationTests.Alerts;
using Gateway.IntegrationTests.Feedback;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.IntegrationTests.Polls;
using Gateway.IntegrationTests.Redis;
using Gateway.IntegrationTests.Webhooks;

namespace Gateway.IntegrationTests.Cluster;

// The store contract suites and the Redis specs of the store, polls, the desk and alerts, run again unchanged on the
// 3-master Redis Cluster that infra/services.sh starts (GATEWAY_REDIS_CLUSTER): every multi-key command and script of
// theirs must keep to one hash slot (a CROSSSLOT error fails them), and the multiplexer must follow MOVED. Only these
// run twice: the other integration specs touch no more keys per command and would only lengthen the suite.

[Collection(ServersCollection.Name)]
public sealed class RedisStoreContractOnClusterSpecs : RedisStoreContractSpecs
{
    protected override string Redis => Servers.RedisCluster;
}

[Collection(ServersCollection.Name)]
public sealed class ConcurrentCommitOnClusterSpecs : ConcurrentCommitSpecs
{
    protected override string Redis => Servers.RedisCluster;
}

[Collection(ServersCollection.Name)]
public sealed class RedisQuotaOnClusterSpecs : RedisQuotaSpecs
{
    protected override string Redis => Servers.RedisCluster;
}

[Collection(ServersCollection.Name)]
public sealed class StateCacheOnClusterSpecs : StateCacheSpecs
{
    protected override string Redis => Servers.RedisCluster;
}

[Collection(ServersCollection.Name)]
public sealed class PollIntegrationOnClusterSpecs : PollIntegrationSpecs
{
    protected override string Redis => Servers.RedisCluster;
}

[Collection(ServersCollection.Name)]
public sealed class FeedbackRedisStoreOnClusterSpecs : FeedbackRedisStoreSpecs
{
    protected override string Redis => Servers.RedisCluster;
}

[Collection(ServersCollection.Name)]
public sealed class FeedbackDeskIntegrationOnClusterSpecs : FeedbackDeskIntegrationSpecs
{
    protected override string Redis => Servers.RedisCluster;
}

[Collection(ServersCollection.Name)]
public sealed class TwoReplicaAlertOnClusterSpecs : TwoReplicaAlertSpecs
{
    protected override string Redis => Servers.RedisCluster;
}

[Collection(ServersCollection.Name)]
public sealed class RedisWebhookOnClusterSpecs : RedisWebhookSpecs
{
    protected override string Redis => Servers.RedisCluster;
}

[Collection(ServersCollection.Name)]
public sealed class AlertTemplateStoreOnClusterSpecs : AlertTemplateStoreSpecs
{
    protected override string Redis => Servers.RedisCluster;
}

[Collection(ServersCollection.Name)]
public sealed class RedisStaffAccountsOnClusterSpecs : RedisStaffAccountsSpecs
{
    protected override string Redis => Servers.RedisCluster;
}

[Collection(ServersCollection.Name)]
public sealed class CensusAndPlacesRedisOnClusterSpecs : Profiles.CensusAndPlacesRedisSpecs
{
    protected override string Redis => Servers.RedisCluster;
}

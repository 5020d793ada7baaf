using Gateway.Alerts;
using Gateway.Alerts.Storage;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.Profiles;
using Gateway.Profiles.Segments;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.IntegrationTests.Alerts;

/// <summary>
/// An alert's segment and its reach per profile cell on real Redis (RedisAlertStore, through the gateway's registration):
/// what one replica stores, another reads back whole.
/// </summary>
[Collection(ServersCollection.Name)]
public class AlertSegmentStoreSpecs
{
    protected virtual string Redis => Servers.Redis;

    private static readonly CancellationToken None = CancellationToken.None;

    private IntegrationGatewayApplication Replica() => new IntegrationGatewayApplication().With("ConnectionStrings:Redis", Redis);

    [Fact]
    public async Task The_segment_and_the_sent_count_per_cell_round_trip_through_Redis()
    {
        await Servers.FlushRedisAsync(Redis);
        await using var first = Replica();
        await using var second = Replica();
        var store = first.Services.GetRequiredService<IAlertStore>();
        Assert.IsType<RedisAlertStore>(store);
        var segment = new AudienceSegment(["woman", "unknown"], ["15-17", "18-24"], ["hay-salam", "other"]);
        var alert = new AlertDefinition("al-segment-1", "agadir", "meetings", new Dictionary<string, string> { ["fr"] = "Réunion des jeunes." }, null,
            DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow, "spec", null, [], null, Segment: segment);

        Assert.True(await store.CreateAsync(alert, None));
        var woman = new ProfileCell("w", "y2005", "hay-salam");
        await store.CountAsync(alert.Id, [(AlertCounters.Sent, 1), (AlertCounters.SentIn(woman), 1)], None);
        await store.CountAsync(alert.Id, [(AlertCounters.Sent, 1), (AlertCounters.SentIn(woman), 1)], None);
        await store.CountAsync(alert.Id, [(AlertCounters.Sent, 1), (AlertCounters.SentIn(ProfileCell.Unknown), 1)], None);

        var reader = second.Services.GetRequiredService<IAlertStore>();
        var read = await reader.GetDefinitionAsync(alert.Id, None);
        Assert.Equal(segment.Genders, read!.Segment!.Genders);
        Assert.Equal(segment.AgeBands, read.Segment.AgeBands);
        Assert.Equal(segment.Places, read.Segment.Places);
        var counts = await reader.GetCountsAsync(alert.Id, None);
        Assert.Equal(3, counts.Sent);
        Assert.Equal(2, counts.SentByCell[woman]);
        Assert.Equal(1, counts.SentByCell[ProfileCell.Unknown]);
    }
}

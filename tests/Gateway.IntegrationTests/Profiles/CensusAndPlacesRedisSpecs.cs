using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.Profiles.Census;
using Gateway.Profiles.Places;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.IntegrationTests.Profiles;

/// <summary>
/// A commune's census shares and places on real Redis, through the API of one replica and read by another: what the
/// participation page sets each share against survives a restart, and a place removed stays retired.
/// </summary>
[Collection(ServersCollection.Name)]
public class CensusAndPlacesRedisSpecs
{
    /// <summary>The Redis these specs run on: the single one here, the 3-master cluster in the <c>OnCluster</c> class (Cluster/).</summary>
    protected virtual string Redis => Servers.Redis;

    private const string AdminKey = "integration-programme-key-01";

    private IntegrationGatewayApplication Replica() => new IntegrationGatewayApplication()
        .With("ConnectionStrings:Redis", Redis)
        .With("Admin:ApiKeys:0:Key", AdminKey)
        .With("Admin:ApiKeys:0:Name", "programme");

    private static HttpClient Admin(IntegrationGatewayApplication app)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return http;
    }

    [Fact]
    public async Task Census_shares_written_on_one_replica_are_read_by_another_and_by_the_participation_figures()
    {
        await Servers.FlushRedisAsync(Redis);
        await using var first = Replica();
        await using var second = Replica();
        Assert.IsType<RedisCensusStore>(first.Services.GetRequiredService<ICensusStore>());
        // A place's share needs the place in the commune's list (Redis starts without the embedded default's examples).
        using var places = await Admin(first).PutAsJsonAsync("/api/communes/agadir/places",
            new { places = new[] { new { id = "talborjt", names = new Dictionary<string, string> { ["fr"] = "Talborjt", ["ar"] = "تالبرجت" } } } });
        Assert.Equal(HttpStatusCode.OK, places.StatusCode);

        using var put = await Admin(first).PutAsJsonAsync("/api/communes/agadir/census",
            new { women = 50.8m, ages = new Dictionary<string, decimal> { ["18-24"] = 19.5m }, places = new Dictionary<string, decimal> { ["talborjt"] = 7 } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var read = await Admin(second).GetFromJsonAsync<JsonElement>("/api/communes/agadir/census");
        Assert.Equal(50.8m, read.GetProperty("women").GetDecimal());
        Assert.Equal(19.5m, read.GetProperty("ages").GetProperty("18-24").GetDecimal());
        Assert.Equal(7, read.GetProperty("places").GetProperty("talborjt").GetDecimal());
        var participation = await Admin(second).GetFromJsonAsync<JsonElement>("/api/communes/agadir/participation");
        Assert.Equal(50.8m, participation.GetProperty("census").GetProperty("women").GetDecimal());
        var other = await Admin(second).GetFromJsonAsync<JsonElement>("/api/communes/tiznit/census");
        Assert.Equal(JsonValueKind.Null, other.GetProperty("women").ValueKind);
    }

    [Fact]
    public async Task A_place_removed_on_one_replica_is_retired_on_the_other_and_no_longer_offered()
    {
        await Servers.FlushRedisAsync(Redis);
        await using var first = Replica();
        await using var second = Replica();
        var place = new { id = "anza", names = new Dictionary<string, string> { ["fr"] = "Anza", ["ar"] = "أنزا" } };
        using var seed = await Admin(first).PutAsJsonAsync("/api/communes/agadir/places",
            new { places = new object[] { place, new { id = "talborjt", names = new Dictionary<string, string> { ["fr"] = "Talborjt", ["ar"] = "تالبرجت" } } } });
        Assert.Equal(HttpStatusCode.OK, seed.StatusCode);

        using var removed = await Admin(first).PutAsJsonAsync("/api/communes/agadir/places", new { places = new[] { place } });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        var directory = second.Services.GetRequiredService<PlaceDirectory>();
        await directory.EnsureCurrentAsync(CancellationToken.None);
        Assert.Equal(["anza"], directory.Offered("agadir").Select(p => p.Id));
        Assert.True(directory.Find("agadir", "talborjt")!.Retired);
    }
}

using Gateway.Alerts.Templates;
using Gateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.IntegrationTests.Alerts;

/// <summary>
/// Alert templates on real Redis (RedisAlertTemplateStore, through the gateway's own registration): saved per commune,
/// replaced by id, removed, the built-in ones coming back once a commune's rewording is removed, and read the same by a
/// second replica.
/// </summary>
[Collection(ServersCollection.Name)]
public class AlertTemplateStoreSpecs
{
    /// <summary>The Redis these specs run on: the single one here, the 3-master cluster in the <c>OnCluster</c> classes (Cluster/).</summary>
    protected virtual string Redis => Servers.Redis;

    private static readonly CancellationToken None = CancellationToken.None;

    private IntegrationGatewayApplication Replica() => new IntegrationGatewayApplication().With("ConnectionStrings:Redis", Redis);

    private static AlertTemplate Template(string commune, string id, string text) => new(id, commune,
        new Dictionary<string, string> { ["fr"] = "Marché", ["ar"] = "السوق" }, "market", new Dictionary<string, string> { ["fr"] = text });

    [Fact]
    public async Task Templates_are_kept_per_commune_replaced_by_id_and_removed()
    {
        await Servers.FlushRedisAsync(Redis);
        await using var first = Replica();
        await using var second = Replica();
        var store = first.Services.GetRequiredService<IAlertTemplateStore>();
        Assert.IsType<RedisAlertTemplateStore>(store);

        await store.SaveAsync(Template("agadir", "t-souk", "Souk fermé [date]."), None);
        await store.SaveAsync(Template("agadir", "t-souk", "Souk fermé le [date], réouverture le [date]."), None);
        await store.SaveAsync(Template("tiznit", "t-souk", "Souk de Tiznit."), None);

        var read = await second.Services.GetRequiredService<IAlertTemplateStore>().ListAsync("agadir", None);
        Assert.Equal("Souk fermé le [date], réouverture le [date].", Assert.Single(read).Texts["fr"]);
        Assert.Equal("السوق", read[0].Names["ar"]);
        Assert.Equal("Souk de Tiznit.", Assert.Single(await store.ListAsync("tiznit", None)).Texts["fr"]);

        Assert.True(await store.DeleteAsync("agadir", "t-souk", None));
        Assert.False(await store.DeleteAsync("agadir", "t-souk", None));
        Assert.Empty(await store.ListAsync("agadir", None));
        Assert.Single(await store.ListAsync("tiznit", None));
    }

    [Fact]
    public async Task A_reworded_built_in_template_replaces_the_shipped_one_until_it_is_removed()
    {
        await Servers.FlushRedisAsync(Redis);
        await using var app = Replica();
        var templates = app.Services.GetRequiredService<AlertTemplates>();
        var shipped = await templates.FindAsync("agadir", BuiltInTemplates.WaterCut, None);
        Assert.Contains("coupure d'eau", shipped!.Texts["fr"]);

        var errors = await templates.SaveAsync("agadir", BuiltInTemplates.WaterCut, shipped.Names, "water",
            new Dictionary<string, string> { ["fr"] = "Agadir : coupure d'eau demain, quartier Talborjt." }, "agadir staff", None);
        Assert.Empty(errors);
        var listed = await templates.ListAsync("agadir", None);
        Assert.Equal("Agadir : coupure d'eau demain, quartier Talborjt.", Assert.Single(listed, t => t.Id == BuiltInTemplates.WaterCut).Texts["fr"]);
        Assert.Equal(3, listed.Count);

        Assert.True(await templates.DeleteAsync("agadir", BuiltInTemplates.WaterCut, None));
        Assert.Contains("coupure d'eau le [date]", (await templates.FindAsync("agadir", BuiltInTemplates.WaterCut, None))!.Texts["fr"]);
    }
}

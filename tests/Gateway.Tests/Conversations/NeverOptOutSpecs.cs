using Gateway.Contracts;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Conversations;

/// <summary>
/// STOP is understood as people type it (STOPP, ARRETEZ, ARRÊTE, "stop merci"), and a false opt-out is worse than a
/// missed one: the messages listed here must never opt a contact out, whether new or in the middle of a flow.
/// One gateway serves every case (<see cref="SharedGateway"/>): a gateway per case made this class 160 s of the suite.
/// </summary>
public sealed class NeverOptOutSpecs(SharedGateway gateway) : IClassFixture<SharedGateway>
{
    /// <summary>The opt-outs of this case's contact only (the gateway is shared).</summary>
    private Task<List<ContactOptedOut>> OptOutsAsync(string contactId) => gateway.EventsOfAsync<ContactOptedOut>(e => e.ContactId, contactId);

    public static TheoryData<string> NeverStop => new()
    {
        "Non", "Non merci", "non stop", "la", "lla", "No", "Stop aux voitures garées sur le trottoir", "stop à la pollution",
        "arrêt de bus cassé", "l'arrêt de bus", "arrete de couper l'eau", "stopper la fuite d'eau", "STP", "sto", "top", "step",
        "spot", "post", "stade", "store", "Stopa", "bed", "beddou", "7bess lma", "baraka allah fik", "barak", "bara", "Arrêtez les travaux la nuit",
        "je veux pas arreter", "start", "STAR", "stat", "desabonner mon voisin", "toop", "merci", "ok", "توقف الماء", "لا",
        "ⴱⴷⴷ ⴰⵎⴰⵏ", "bedd aman", "2", "0", "?", "…", "stop?!? pourquoi",
        // Around the stop words added with issue 25: a sentence that contains one is not an opt-out.
        "safi", "machi daba", "nn", "وقف السيارة", "وقف الماء", "وقفوا الحفر", "باراكا الله فيك", "bghit", "nhbes",
        "bghit nhbes lma", "je veux me désabonner de la liste de mon voisin", "je ne veux plus de trous",
    };

    [Theory]
    [MemberData(nameof(NeverStop))]
    public async Task A_message_on_the_never_stop_list_never_opts_a_new_contact_out(string text)
    {
        var phone = gateway.NewPhone();

        var reply = await phone.SendAsync(text);

        Assert.DoesNotContain("vous ne recevrez plus aucun message", reply.Text);
        Assert.DoesNotContain("لن تتوصل بأي رسالة", reply.Text);
        Assert.Empty(await OptOutsAsync(reply.ContactId));
        Assert.NotEmpty((await phone.SendAsync("MENU")).Replies);
    }

    [Theory]
    [MemberData(nameof(NeverStop))]
    public async Task A_message_on_the_never_stop_list_never_opts_a_contact_out_mid_flow(string text)
    {
        var phone = gateway.NewPhone();
        await phone.SayAsync("ABONNER", "4");

        var reply = await phone.SendAsync(text);

        Assert.DoesNotContain(await OptOutsAsync(reply.ContactId), e => e.Topic is null);
        Assert.NotEmpty((await phone.SendAsync("MENU")).Replies);
    }

    [Theory]
    [InlineData("STOPP")]
    [InlineData("stooop")]
    [InlineData("Stop.")]
    [InlineData("STOP merci")]
    [InlineData("stop svp")]
    [InlineData("ARRETEZ")]
    [InlineData("arrêtez")]
    [InlineData("ARRÊTE")]
    [InlineData("arrette")]
    [InlineData("Désabonner")]
    [InlineData("STOP SMS")]
    [InlineData("توقف")]
    [InlineData("توقف شكرا")]
    [InlineData("ⴱⴷⴷ")]
    [InlineData("باراكا")]
    [InlineData("وقف")]
    [InlineData("وقف شكرا")]
    [InlineData("bghit nhbes")]
    [InlineData("بغيت نحبس")]
    [InlineData("je veux me désabonner")]
    [InlineData("Désabonnez-moi")]
    public async Task STOP_written_with_repeated_letters_variants_or_politeness_opts_out(string stop)
    {
        var phone = gateway.NewPhone();
        await phone.SayAsync("AVIS", "4");

        var reply = await phone.SendAsync(stop);

        Assert.Matches("vous ne recevrez plus aucun message|لن تتوصل بأي رسالة|ⵓⵔ ⴰⴽ ⵏⵜⵜⴰⵣⵏ ⴽⵔⴰ", reply.Text);
        Assert.Single(await OptOutsAsync(reply.ContactId));
        Assert.Empty((await phone.SendAsync("MENU")).Replies);
    }
}

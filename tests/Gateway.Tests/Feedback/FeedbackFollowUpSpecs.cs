using Gateway.Contacts;
using Gateway.Contracts;
using Gateway.Simulator;
using Gateway.Tests.Bus;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Conversations;

namespace Gateway.Tests.Feedback;

/// <summary>The citizen follows a report by its reference, and says whether a resolved problem is really solved.</summary>
public sealed class FeedbackFollowUpSpecs
{
    private static string ArabicIndic(string reference) =>
        string.Concat(reference.Select(c => char.IsAsciiDigit(c) ? (char)('٠' + (c - '0')) : c));

    [Fact]
    public async Task Texting_a_reference_answers_its_status_in_each_language_with_or_without_a_follow_up_word()
    {
        await using var app = FeedbackHost.Create();
        var fr = await app.FileAsync("+212661000201", "sms", "AVIS", "Casablanca", "Eau", "Pas d'eau depuis hier", "Passer");
        var ar = await app.FileAsync("+212661000202", "sms", "رأي", "الدار البيضاء", "الماء", "لا يوجد ماء منذ يومين", "تخطي");
        var zgh = await app.FileAsync("+212661000203", "sms", "ⴰⵡⴰⵍ", "ⴰⵏⴼⴰ", "ⴰⵎⴰⵏ", "ⵓⵔ ⵍⵍⵉⵏ ⴰⵎⴰⵏ", "ⵣⵔⵉ");
        var latn = await app.FileAsync("+212661000204", "sms", "TUTLAYT", "4", "AWAL", "Anfa", "Aman", "Ur llin aman g tgmmi", "Zri");
        await app.Staff().SendJsonAsync(HttpMethod.Post, $"/api/feedback/{ar}/status", new { status = "in_progress" });
        await app.Staff().SendJsonAsync(HttpMethod.Post, $"/api/feedback/{zgh}/status", new { status = "resolved" });
        await app.Staff().SendJsonAsync(HttpMethod.Post, $"/api/feedback/{latn}/status", new { status = "rejected" });

        async Task<string> Ask(string phone, string text) => (await new SimulatorPhone(app.CreateClient(), phone).SendAsync(text)).Text;

        // The French status texts are GSM-7 as written (é and à are GSM-7): one GSM-7 segment.
        Assert.Equal($"Votre signalement {fr} est bien arrivé à la commune.", await Ask("+212661000201", "suivi " + fr.ToLowerInvariant()));
        Assert.Equal($"Votre signalement {fr} est bien arrivé à la commune.", await Ask("+212661000201", fr));
        Assert.Equal($"ملاحظتك {ar} في طور المعالجة.", await Ask("+212661000202", "تتبع " + ArabicIndic(ar)));
        Assert.Equal($"ⵉⵜⵜⵓⵙⴳⵔ ⵓⵡⴰⵍ ⵏⵏⴽ {zgh}. ⵜⴰⵏⵎⵎⵉⵔⵜ!", await Ask("+212661000203", "ⴹⴼⵕ " + zgh));
        Assert.Equal($"Ur tzmir tjmaat ad tamz awal nnk {latn}.", await Ask("+212661000204", "DFER " + latn.Replace("-", "")));
    }

    [Theory]
    [InlineData("r 4f7k2", "R-4F7K2")]        // R-4F7K2 once normalised: the dash became a space
    [InlineData("r4f7k2", "R-4F7K2")]         // glued, standing alone, a reference's length
    [InlineData("suivi r 4f7k2", "R-4F7K2")]
    [InlineData("dfer r4f7k2", "R-4F7K2")]
    [InlineData("تتبع r 4f7k2", "R-4F7K2")]
    [InlineData("r abcde", "R-ABCDE")]        // no digit: a fifth of references have none
    [InlineData("raqm 2", null)]              // "number 2" in Darija: a choice, never a reference
    [InlineData("ra9m 2", null)]
    [InlineData("raqm2", null)]
    [InlineData("rqm 2", null)]
    [InlineData("raqm 2 afak", null)]
    [InlineData("rabat", null)]
    [InlineData("rue 12", null)]
    [InlineData("r4f7k2 merci beaucoup", null)]
    public void A_follow_up_is_a_reference_only_when_the_text_is_one(string normalized, string? reference)
    {
        Assert.Equal(reference, Gateway.Feedback.FeedbackFollowUp.ParseFollowUp(normalized));
    }

    [Fact]
    public async Task Raqm_2_at_a_question_is_option_2_not_a_reference()
    {
        await using var app = FeedbackHost.Create();
        var phone = new SimulatorPhone(app.CreateClient(), "+212661000240");
        await phone.SayAsync("AVIS", "Casablanca");

        var reply = await phone.SendAsync("raqm 2");

        Assert.DoesNotContain("Aucun signalement", reply.Text);
        Assert.StartsWith("Décrivez le problème", reply.Text);
    }

    [Fact]
    public async Task Only_the_contact_who_filed_a_report_hears_its_status()
    {
        await using var app = FeedbackHost.Create();
        var reference = await app.FileFrenchAsync("+212661000210");
        await app.Staff().SendJsonAsync(HttpMethod.Post, $"/api/feedback/{reference}/status", new { status = "in_progress" });

        var stranger = await new SimulatorPhone(app.CreateClient(), "+212661000211").SendAsync("SUIVI " + reference);
        Assert.Equal($"Aucun signalement {reference} n'est enregistré à votre numéro.", stranger.Text);

        // In the middle of a conversation the question in progress is asked again after the answer.
        var busy = await new SimulatorPhone(app.CreateClient(), "+212661000211").SayAsync("AVIS", "SUIVI " + reference);
        Assert.Equal($"Aucun signalement {reference} n'est enregistré à votre numéro.\n\nVotre commune ?", busy.Text.Split("\n1")[0].TrimEnd());
        var unknown = await new SimulatorPhone(app.CreateClient(), "+212661000210").SendAsync("SUIVI R-ZZZZZ");
        Assert.Equal("Aucun signalement R-ZZZZZ n'est enregistré à votre numéro.", unknown.Text);
    }

    [Fact]
    public async Task After_a_resolution_the_citizen_is_asked_once_and_a_no_reopens_the_report()
    {
        await using var app = FeedbackHost.Create();
        const string phone = "+212661000220";
        var reference = await app.FileAsync(phone, "sms", "رأي", "الدار البيضاء", "الماء", "لا يوجد ماء منذ يومين", "تخطي");
        var staff = app.Staff();

        await staff.SendJsonAsync(HttpMethod.Post, $"/api/feedback/{reference}/status", new { status = "resolved", message = new { ar = "تم إصلاح القناة." } });
        var asked = await Wait.ForAsync(() => Task.FromResult(app.Services.GetRequiredService<SimulatorMailbox>().For(phone)), m => m.Count >= 1, "the resolution");
        Assert.Equal($"تمت معالجة ملاحظتك {reference}. شكرا على مشاركتك! تم إصلاح القناة.\nهل تم حل المشكل فعلا؟ أجب بنعم أو لا.", Assert.Single(asked).Text);

        var answer = await new SimulatorPhone(app.CreateClient(), phone).SendAsync("لا");

        Assert.Equal($"شكرا. أعيد فتح ملاحظتك {reference} وستعود إليها الجماعة.", answer.Text);
        var report = await staff.GetJsonAsync($"/api/feedback/{reference}");
        Assert.Equal("acknowledged", report.GetProperty("status").GetString());
        Assert.False(report.GetProperty("citizenConfirmed").GetBoolean());
        var events = await app.EventsAsync<FeedbackStatusChanged>();
        var contactId = app.Services.GetRequiredService<ContactIds>().For(phone);
        Assert.Equal([("new", "resolved", "agent casa"), ("resolved", "acknowledged", "citizen")],
            events.Select(e => (e.OldStatus, e.NewStatus, e.ChangedBy)));
        Assert.All(events, e => Assert.Equal(contactId, e.ContactId));

        // Resolved again: not asked a second time, and a later "yes" is just a yes (no report waits for it).
        await staff.SendJsonAsync(HttpMethod.Post, $"/api/feedback/{reference}/status", new { status = "resolved", message = new { ar = "تم الإصلاح مرة أخرى." } });
        var second = await Wait.ForAsync(() => Task.FromResult(app.Services.GetRequiredService<SimulatorMailbox>().For(phone)), m => m.Count >= 2, "the second resolution");
        Assert.DoesNotContain("هل تم حل المشكل", second[1].Text);
        await new SimulatorPhone(app.CreateClient(), phone).SendAsync("نعم");
        var final = await staff.GetJsonAsync($"/api/feedback/{reference}");
        Assert.Equal("resolved", final.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_yes_confirms_the_resolution_and_keeps_it_closed()
    {
        await using var app = FeedbackHost.Create();
        const string phone = "+212661000230";
        var reference = await app.FileFrenchAsync(phone);
        await app.Staff().SendJsonAsync(HttpMethod.Post, $"/api/feedback/{reference}/status", new { status = "resolved", message = new { fr = "Réparé." } });
        await Wait.ForAsync(() => Task.FromResult(app.Services.GetRequiredService<SimulatorMailbox>().For(phone)), m => m.Count >= 1, "the resolution");

        var answer = await new SimulatorPhone(app.CreateClient(), phone).SendAsync("oui");

        Assert.Equal($"Merci ! Nous avons noté que le problème {reference} est résolu.", answer.Text);
        var report = await app.Staff().GetJsonAsync($"/api/feedback/{reference}");
        Assert.Equal("resolved", report.GetProperty("status").GetString());
        Assert.True(report.GetProperty("citizenConfirmed").GetBoolean());
    }
}

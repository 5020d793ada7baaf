using System.Net.Http.Json;
using Gateway.Alerts;
using Gateway.Contacts;

namespace Gateway.Tests.Alerts;

/// <summary>A poll created with <c>announce</c> invites the commune's subscribers through the alerts machinery, each in their language.</summary>
public sealed class PollInvitationSpecs
{
    [Fact]
    public async Task Announcing_a_poll_sends_its_question_and_how_to_vote_to_each_subscriber_in_their_language()
    {
        await using var host = new AlertsHost();
        await host.ImportAsync("tiznit", [
            new SubscriberRow(AlertsHost.Phone(1), "fr", "sms", RecordingSender.Name),
            new SubscriberRow(AlertsHost.Phone(2), "ar", "sms", RecordingSender.Name),
        ]);

        var created = await host.Client.PostAsJsonAsync("/api/polls", new
        {
            commune = "tiznit",
            keyword = "JEUNES",
            question = new Dictionary<string, string> { ["fr"] = "Quel projet pour la maison des jeunes ?", ["ar"] = "أي مشروع لدار الشباب؟" },
            options = new[]
            {
                new Dictionary<string, string> { ["fr"] = "Salle de sport", ["ar"] = "قاعة الرياضة" },
                new Dictionary<string, string> { ["fr"] = "Bibliothèque", ["ar"] = "مكتبة" },
            },
            closesAt = host.App.Clock.GetUtcNow().AddDays(2),
            announce = true,
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        var french = await Wait.ForAsync(() => Task.FromResult(host.Provider.To(AlertsHost.Phone(1))), m => m.Count == 1, "the French invitation");
        var arabic = await Wait.ForAsync(() => Task.FromResult(host.Provider.To(AlertsHost.Phone(2))), m => m.Count == 1, "the Arabic invitation");
        Assert.Equal("Quel projet pour la maison des jeunes ?\n1. Salle de sport\n2. Bibliothèque\nPour voter, envoyez JEUNES suivi du numéro de votre choix (ex. JEUNES 1).",
            french[0].Message.Reply.Text);
        Assert.StartsWith("أي مشروع لدار الشباب؟\n1. قاعة الرياضة\n2. مكتبة\nللتصويت، أرسل JEUNES", arabic[0].Message.Reply.Text);
    }
}

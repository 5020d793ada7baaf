using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Conversations;

/// <summary>
/// Steps of different contacts in the same flow run at once and share the flow's pooled state machines: each contact
/// must still move from its own place to its own next node.
/// </summary>
public sealed class ConcurrentContactsSpecs
{
    [Fact]
    public async Task Contacts_walking_the_same_flow_at_the_same_time_each_keep_their_own_place()
    {
        await using var app = new GatewayApplication();
        var walks = Enumerable.Range(0, 24).Select(async i =>
        {
            var phone = new SimulatorPhone(app.CreateClient(), from: $"+2126650{i:D5}");
            var question = (await phone.SendAsync("ABONNER")).Text;
            var choice = i % 6 + 1;
            var commune = Regex.Match(question, $@"(?m)^{choice}\. (.+)$").Groups[1].Value.Trim();
            Assert.NotEmpty(commune);

            var confirmation = (await phone.SendAsync(choice.ToString(System.Globalization.CultureInfo.InvariantCulture))).Text;
            return (commune, confirmation);
        });

        foreach (var (commune, confirmation) in await Task.WhenAll(walks))
            Assert.Contains(commune, confirmation);
    }
}

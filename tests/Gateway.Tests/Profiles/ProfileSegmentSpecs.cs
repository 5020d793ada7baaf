using Gateway.Tests.Polls;
using Gateway.Text;
using Xunit.Abstractions;

namespace Gateway.Tests.Profiles;

/// <summary>
/// What the profile costs a commune in SMS, measured on the replies a citizen's phone receives (Twilio's TwiML bodies):
/// the vote's confirmation with the consent sentence and the first question, then each question and the thanks, in
/// every language. The bound chosen: the consent reply at most three segments, every other profile reply at most two,
/// and the whole profile (consent included) at most eight — once per citizen.
/// </summary>
public sealed class ProfileSegmentSpecs(ITestOutputHelper output)
{
    [Theory]
    [InlineData("fr", null)]
    [InlineData("ar", "مرحبا")]
    [InlineData("zgh", "ⴰⵣⵓⵍ")]
    [InlineData("zgh-Latn", "TUTLAYT")]
    public async Task The_profile_costs_at_most_three_segments_for_the_consent_reply_and_two_for_each_other(string language, string? first)
    {
        await using var app = PollHost.Create();
        await app.CreatePollAsync();
        var citizen = new Voter(app.CreateClient(), "+21260000240" + language.Length, "sms", real: true);
        if (first is not null) await citizen.SendAsync(first);
        if (language == "zgh-Latn") await citizen.SendAsync("4");

        var replies = new List<(string Step, string Text)> { ("vote + consent + gender", await citizen.SendAsync("PROJET 2")) };
        replies.Add(("age", await citizen.SendAsync("1")));
        replies.Add(("place", await citizen.SendAsync("1990")));
        replies.Add(("thanks", await citizen.SendAsync("1")));

        var measured = replies.Select(r => (r.Step, r.Text, Info: SmsSegments.Analyze(r.Text))).ToList();
        foreach (var (step, text, info) in measured) output.WriteLine($"{language} {step}: {info.Segments} × {info.Encoding} ({info.Units} units) {text.Replace('\n', ' ')}");
        Assert.Contains(language switch { "ar" => "تود الجماعة", "zgh" => "ⵜⵔⴰ ⵜⴰⵊⵎⴰⵄⵜ", "zgh-Latn" => "tra tjmaat", _ => "la commune aimerait" }, measured[0].Text);
        Assert.True(measured[0].Info.Segments <= 3, $"consent reply: {measured[0].Info.Segments} segments");
        Assert.All(measured.Skip(1), m => Assert.True(m.Info.Segments <= 2, $"{m.Step}: {m.Info.Segments} segments"));
        Assert.True(measured.Sum(m => m.Info.Segments) <= 8, $"whole profile: {measured.Sum(m => m.Info.Segments)} segments");
    }
}

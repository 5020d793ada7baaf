using System.Globalization;
using System.Net.Http.Json;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Polls;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using Gateway.Conversations.Ports;

namespace Gateway.Tests.Conversations;

/// <summary>
/// Answers as citizens type them (Corpus/answers.tsv: the question they answer, what they typed, what it must pick),
/// each sent by a new phone through the simulator at that question. The gateway must understand at least 99 % of them, and
/// never take a non-answer (a row whose expected outcome is <c>none</c>: a question, a count, a date, a phone number) as an
/// answer: a wrong vote or a wrong category is worse than a question asked again.
/// </summary>
public sealed class AnswerCorpusSpecs(ITestOutputHelper output)
{
    private const double RequiredAccuracy = 0.99;
    private const string None = "none";

    private sealed record Row(int Line, string State, string Answer, string Expected);

    [Fact]
    public async Task At_least_99_percent_of_the_real_world_answer_corpus_is_understood_and_no_non_answer_is_taken()
    {
        var rows = ReadCorpus();
        Assert.True(rows.Count >= 1000, $"the corpus has {rows.Count} answers; it must keep at least 1,000");

        await using var app = PollHost.Create();
        var projects = await app.CreatePollAsync(keyword: "PROJET");
        var reform = await CreateYesNoPollAsync(app);
        var priorities = await CreateFrenchArabicPollAsync(app);
        var http = app.CreateClient();
        var store = app.Services.GetRequiredService<IContactStore>();

        var misses = new List<string>();
        var taken = new List<string>();
        var byState = new Dictionary<string, (int Right, int Total)>(StringComparer.Ordinal);
        var phone = 0;
        foreach (var row in rows)
        {
            // Poll keywords are texted to the commune's number; the other questions are reached from the generic simulator number.
            var voter = new Voter(http, $"+2126{70000000 + phone++:D8}", to: row.State.StartsWith("poll", StringComparison.Ordinal) ? PollHost.CasablancaNumber : "simulator");
            foreach (var step in Setup(row.State)) await voter.SendAsync(step);
            var reply = await voter.SendRawAsync(row.Answer);
            var contactId = reply.GetProperty("contactId").GetString()!;
            var state = (await store.GetAsync(contactId, CancellationToken.None))!.State;
            var actual = Outcome(row.State, state, projects, reform, priorities);

            var right = actual == row.Expected;
            var (r, t) = byState.GetValueOrDefault(row.State);
            byState[row.State] = (r + (right ? 1 : 0), t + 1);
            if (!right) misses.Add($"line {row.Line}: [{row.State}] \"{row.Answer}\" → {actual}, expected {row.Expected}");
            if (row.Expected == None && actual != None) taken.Add(misses[^1]);
        }

        var accuracy = (rows.Count - misses.Count) / (double)rows.Count;
        output.WriteLine($"Answer corpus: {rows.Count - misses.Count}/{rows.Count} understood ({accuracy:P1}); required {RequiredAccuracy:P0}");
        foreach (var (name, (r, t)) in byState.OrderBy(s => s.Key, StringComparer.Ordinal)) output.WriteLine($"  {name,-10} {r}/{t}");
        foreach (var miss in misses) output.WriteLine("  miss " + miss);
        var nonAnswers = rows.Count(r => r.Expected == None);
        output.WriteLine($"Non-answers: {taken.Count} of {nonAnswers} taken as an answer");
        Assert.True(accuracy >= RequiredAccuracy, $"accuracy {accuracy:P1} < {RequiredAccuracy:P0}:\n{string.Join('\n', misses)}");
        Assert.True(taken.Count == 0, $"{taken.Count} non-answers taken as answers:\n{string.Join('\n', taken)}");
    }

    /// <summary>The messages that bring a new phone to the question the row answers.</summary>
    private static string[] Setup(string state) => state switch
    {
        "menu" => ["MENU"],
        "commune" => ["AVIS"],
        "category" => ["AVIS", "4"],
        "confirm" => ["ABONNER", "4"],
        "language" => ["LANGUE"],
        "poll" => ["PROJET"],
        "pollyesno" => ["REFORME"],
        "pollnames" => ["PRIORITE"],
        _ => throw new InvalidOperationException($"unknown corpus state '{state}'"),
    };

    /// <summary>What the answer picked, read from the contact's state after it; "none" when the question is still pending.</summary>
    private static string Outcome(string state, Gateway.Conversations.ContactState contact, string projects, string reform, string priorities)
    {
        var session = contact.Session;
        return state switch
        {
            "menu" => session is { FlowId: not "menu" } ? session.FlowId : None,
            "commune" => contact.Commune ?? None,
            "category" => session?.Vars.GetValueOrDefault("category") ?? None,
            "confirm" => contact.Topics.Contains("meetings") ? "yes" : session is null ? "no" : None,
            "language" => contact.LanguageConfirmed ? contact.Language! : None,
            // Sent through the simulator, so the votes are kept under the simulated key (counted apart from real votes).
            "poll" => contact.PollVotes.TryGetValue(Gateway.Polls.PollKeys.VoteKey(projects, simulated: true), out var p) ? p.ToString(CultureInfo.InvariantCulture) : None,
            "pollyesno" => contact.PollVotes.TryGetValue(Gateway.Polls.PollKeys.VoteKey(reform, simulated: true), out var v) ? (v == 1 ? "yes" : "no") : None,
            "pollnames" => contact.PollVotes.TryGetValue(Gateway.Polls.PollKeys.VoteKey(priorities, simulated: true), out var n) ? n.ToString(CultureInfo.InvariantCulture) : None,
            _ => throw new InvalidOperationException(state),
        };
    }

    private static Task<string> CreateYesNoPollAsync(GatewayApplication app) => app.CreatePollFromAsync(new
    {
        commune = "casablanca",
        keyword = "REFORME",
        question = new Dictionary<string, string> { ["fr"] = "Êtes-vous pour le marché du dimanche ?", ["ar"] = "هل توافق على سوق الأحد؟" },
        options = new[]
        {
            new Dictionary<string, string> { ["fr"] = "Oui", ["ar"] = "نعم", ["zgh"] = "ⵢⴰⵀ", ["zgh-Latn"] = "Yah" },
            new Dictionary<string, string> { ["fr"] = "Non", ["ar"] = "لا", ["zgh"] = "ⵓⵀⵓ", ["zgh-Latn"] = "Uhu" },
        },
        opensAt = app.Clock.GetUtcNow(),
        closesAt = app.Clock.GetUtcNow() + TimeSpan.FromDays(7),
        allowChange = false,
        publishResults = true,
    });

    /// <summary>
    /// A poll written through the API in French and Arabic only, on things the civic lexicon knows: its options are
    /// understood by name in every script from the lexicon alone (flows/_lexicon.yaml).
    /// </summary>
    private static Task<string> CreateFrenchArabicPollAsync(GatewayApplication app) => app.CreatePollFromAsync(new
    {
        commune = "casablanca",
        keyword = "PRIORITE",
        question = new Dictionary<string, string> { ["fr"] = "Quelle priorité pour le quartier ?", ["ar"] = "ما هي أولوية الحي؟" },
        options = new[]
        {
            new Dictionary<string, string> { ["fr"] = "Eau", ["ar"] = "الماء" },
            new Dictionary<string, string> { ["fr"] = "Routes", ["ar"] = "الطرق" },
            new Dictionary<string, string> { ["fr"] = "Éclairage public", ["ar"] = "الإنارة العمومية" },
            new Dictionary<string, string> { ["fr"] = "Santé", ["ar"] = "الصحة" },
            new Dictionary<string, string> { ["fr"] = "Maison des jeunes", ["ar"] = "دار الشباب" },
        },
        closesAt = app.Clock.GetUtcNow() + TimeSpan.FromDays(7),
    });

    private static List<Row> ReadCorpus()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conversations", "Corpus", "answers.tsv");
        var rows = new List<Row>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (text.Length == 0 || text.StartsWith('#')) continue;
            var cells = text.Split('\t');
            Assert.True(cells.Length == 3, $"answers.tsv line {line}: expected state, answer, expected outcome separated by tabs");
            rows.Add(new Row(line, cells[0], cells[1], cells[2]));
        }
        return rows;
    }
}

using System.Globalization;
using Gateway.Conversations;
using Gateway.Text;

namespace Gateway.Polls;

/// <summary>
/// Results as CSV, written by <see cref="Csv"/> (<c>;</c>, UTF-8 with a byte order mark, formula-looking cells such as an
/// option labelled <c>=1+1</c> neutralised); headers and section names in the reader's language (<see cref="CsvWords"/>:
/// codes for the API, the clerk's language in the console). The numbers are those of the JSON results: one row per option, channel and
/// language, and the total; then, apart, the votes sent through the simulator (section <c>simulated</c>: one row per
/// option and a <c>total</c> row), which none of the rows above count.
/// </summary>
public static class PollCsv
{
    public const string ContentType = Csv.ContentType;

    public static byte[] Write(PollResults results, CsvWords? words = null)
    {
        words ??= CsvWords.Codes;
        var rows = new List<IReadOnlyList<string?>>();
        void Row(params string[] fields) => rows.Add([words.Value("section", fields[0]), .. fields[1..]]);
        string N(long n) => n.ToString(CultureInfo.InvariantCulture);

        List<string> header = [words.Header("section"), words.Header("key"), .. Languages.Core.Select(l => words.Header("label_" + l)), words.Header("votes")];
        var blanks = Languages.Core.Select(_ => "").ToArray();
        foreach (var option in results.Options)
            Row(["option", N(option.Option), .. Languages.Core.Select(l => option.Label.GetValueOrDefault(l) ?? ""), N(option.Votes)]);
        foreach (var (channel, votes) in results.Channels) Row(["channel", words.Value("channel", channel), .. blanks, N(votes)]);
        foreach (var (language, votes) in results.Languages) Row(["language", language, .. blanks, N(votes)]);
        Row(["total", "", .. blanks, N(results.Total)]);
        var simulated = results.Simulated;
        for (var i = 0; i < simulated.Tallies.Count; i++)
            Row(["simulated", N(i + 1), .. Languages.Core.Select(l => results.Options[i].Label.GetValueOrDefault(l) ?? ""), N(simulated.Tallies[i])]);
        Row(["simulated", "total", .. blanks, N(simulated.Total)]);

        return Csv.Write(header, rows);
    }
}

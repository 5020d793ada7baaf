using System.Globalization;
using Gateway.Conversations;
using Gateway.Text;

namespace Gateway.Polls;

/// <summary>
/// Results as CSV, written by <see cref="Csv"/> (UTF-8 with a byte order mark, RFC 4180, formula-looking cells such as an
/// option labelled <c>=1+1</c> neutralised). The numbers are those of the JSON results: one row per option, channel and
/// language, and the total; then, apart, the votes sent through the simulator (section <c>simulated</c>: one row per
/// option and a <c>total</c> row), which none of the rows above count.
/// </summary>
public static class PollCsv
{
    public const string ContentType = Csv.ContentType;

    public static byte[] Write(PollResults results)
    {
        var csv = Csv.Document();
        void Row(params string[] fields) => csv.AppendRow(fields);
        string N(long n) => n.ToString(CultureInfo.InvariantCulture);

        Row(["section", "key", .. Languages.Core.Select(l => "label_" + l), "votes"]);
        var blanks = Languages.Core.Select(_ => "").ToArray();
        foreach (var option in results.Options)
            Row(["option", N(option.Option), .. Languages.Core.Select(l => option.Label.GetValueOrDefault(l) ?? ""), N(option.Votes)]);
        foreach (var (channel, votes) in results.Channels) Row(["channel", channel, .. blanks, N(votes)]);
        foreach (var (language, votes) in results.Languages) Row(["language", language, .. blanks, N(votes)]);
        Row(["total", "", .. blanks, N(results.Total)]);
        var simulated = results.Simulated;
        for (var i = 0; i < simulated.Tallies.Count; i++)
            Row(["simulated", N(i + 1), .. Languages.Core.Select(l => results.Options[i].Label.GetValueOrDefault(l) ?? ""), N(simulated.Tallies[i])]);
        Row(["simulated", "total", .. blanks, N(simulated.Total)]);

        return csv.ToUtf8();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Gateway.Text;
using Gateway.Tests.Polls;

namespace Gateway.Tests.Trust;

/// <summary>
/// Issue 22 finding 6: a cell a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage return first) reaches
/// every CSV the gateway writes with a leading apostrophe, whoever typed it (a citizen, or staff naming a poll's options).
/// </summary>
public sealed class CsvInjectionSpecs
{
    /// <summary>Labels as staff typed them; the poll keeps them trimmed (a leading tab or return does not survive).</summary>
    private static readonly string[] Labels = ["=1+1", "+SUM(1)", "-2", "@x", "\t=3+3", "\r=4+4", "Bibliothèque"];

    [Fact]
    public async Task Formula_looking_poll_option_labels_are_neutralised_in_the_results_CSV()
    {
        await using var app = PollHost.Create();
        var body = new
        {
            commune = "casablanca",
            keyword = "FORMULE",
            question = new Dictionary<string, string> { ["fr"] = "Laquelle ?" },
            options = Labels.Select(l => new Dictionary<string, string> { ["fr"] = l, ["ar"] = l.Trim() + " ع" }).ToArray(),
            closesAt = app.Clock.GetUtcNow().AddDays(7),
        };
        using var created = await app.Admin().PostAsJsonAsync("/api/polls", body);
        var json = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, json);
        var poll = JsonDocument.Parse(json).RootElement.GetProperty("id").GetString();

        using var response = await app.Admin().GetAsync($"/api/polls/{poll}/results.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = CsvReader.Rows(await response.Content.ReadAsByteArrayAsync());

        var options = rows.Where(r => r[0] == "option").ToList();
        var simulated = rows.Where(r => r[0] == "simulated" && r[1] != "total").ToList();
        Assert.Equal(Labels.Length, options.Count);
        Assert.Equal(Labels.Length, simulated.Count);
        foreach (var row in options.Concat(simulated))
        {
            var label = Labels[int.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture) - 1].Trim();
            var expected = label is ['=' or '+' or '-' or '@', ..] ? "'" + label : label;
            Assert.Equal(expected, row[2]);
            Assert.Equal(expected + " ع", row[3]);
        }
        Assert.DoesNotContain(rows.SelectMany(r => r), cell => cell is ['=' or '+' or '-' or '@' or '\t' or '\r', ..]);
    }

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+SUM(1)", "\"'+SUM(1)\"")]
    [InlineData("-2", "\"'-2\"")]
    [InlineData("@x", "\"'@x\"")]
    [InlineData("\t=1+1", "\"'\t=1+1\"")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("=HYPERLINK(\"http://x\", \"y\")", "\"'=HYPERLINK(\"\"http://x\"\", \"\"y\"\")\"")]
    [InlineData("1+1=2", "1+1=2")]
    [InlineData("Parc, jardin", "\"Parc, jardin\"")]
    [InlineData("Parc; jardin", "\"Parc; jardin\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void The_one_cell_writer_neutralises_formulas_then_quotes(string? value, string written) => Assert.Equal(written, Csv.Cell(value));
}

using Gateway.Text;

namespace Gateway.Components.Console;

/// <summary>The console's CSV exports in the clerk's language: headers <c>csv.&lt;column&gt;</c>, codes by the labels the pages show.</summary>
public static class ConsoleCsvWords
{
    public static CsvWords For(ConsoleContext ctx) => new(
        column => ctx.T("csv." + column),
        (column, code) => Key(column, code) is { } key && ConsoleTexts.Has(key) ? ctx.T(key) : code);

    private static string? Key(string column, string code) => column switch
    {
        "status" => "fb.status." + code,
        "channel" => "channel." + code,
        "kind" => "csv.kind." + code,
        "section" => "csv.section." + code,
        // The participation export: its dimension names and their values (age bands and place ids read as they are).
        "dimension" => "participation.dim." + code,
        "gender" => "participation.gender." + code,
        "age" or "place" => "participation.value." + code,
        "profile" => "participation.people." + code,
        "overdue" or "simulated" or "citizen_confirmed" => "csv." + code,
        _ => null,
    };
}

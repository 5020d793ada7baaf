using Gateway.Drills;
using Gateway.Testing;

// One drill (infra/drills/run.sh starts the services and calls this; all.sh runs every drill and prints the table).
// Exit 0: nothing lost, doubled or wrong; 1: the drill found something; 2: the drill could not run.
try
{
    var options = DrillOptions.Parse(args);
    await using var drill = await Drill.StartAsync(options);
    var result = await drill.RunAsync();
    Console.Write(result.Details);
    Console.WriteLine($"| {result.Fault} | {result.Lost} | {result.Doubled} | {result.Wrong} | {result.Recovery} |");
    if (options.ResultFile is { } file) await File.WriteAllTextAsync(file, result.Tsv + "\n");
    return result.Clean ? 0 : 1;
}
catch (Exception ex) when (ex is DrillSetupException or ServerProcessException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

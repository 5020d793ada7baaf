if (args.Length > 0 && args[0] == "alerts") { await Gateway.Benchmarks.AlertsBenchmark.RunAsync(args); return; }
Console.WriteLine("benchmarks: see README");

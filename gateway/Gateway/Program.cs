var builder = WebApplication.CreateBuilder(args);

var app = builder.Build();

app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));

app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;

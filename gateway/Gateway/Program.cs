using Gateway.Channels.Kannel;
using Gateway.Channels.Ussd;

var builder = WebApplication.CreateBuilder(args);
builder.AddUssdChannels();
builder.AddKannelChannel();

var app = builder.Build();

app.MapUssdWebhooks();
app.MapKannelWebhooks();
app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));

app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;

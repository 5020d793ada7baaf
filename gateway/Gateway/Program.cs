using Gateway.Channels.Twilio;
using Gateway.Channels.WhatsAppCloud;

var builder = WebApplication.CreateBuilder(args);
builder.AddTwilioChannel();
builder.AddWhatsAppCloudChannel();

var app = builder.Build();

app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
app.MapTwilioWebhooks();
app.MapWhatsAppCloudWebhooks();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;

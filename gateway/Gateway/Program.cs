using Gateway.Conversations;
using Gateway.Hosting;
using Gateway.Simulator;

var builder = WebApplication.CreateBuilder(args);

builder.AddGatewayCore();
builder.AddConversations();
builder.AddSimulator();

var app = builder.Build();

app.UseGatewayErrors();
app.MapOpenApi();
app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
app.MapFlows();
app.MapSimulator();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;

using Gateway.Admin;
using Gateway.Alerts;
using Gateway.Bus;
using Gateway.Conversations;
using Gateway.Hosting;
using Gateway.Observability;
using Gateway.Simulator;
using Gateway.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.AddGatewayCore();
builder.AddAdminKeys();
builder.AddGatewayStorage();
builder.AddGatewayBus();
builder.AddGatewayObservability();
builder.AddConversations();
builder.AddSimulator();
builder.AddAlerts();

var app = builder.Build();

app.UseGatewayErrors();
app.MapOpenApi();
app.MapGatewayObservability();
app.MapFlows();
app.MapSimulator();
app.MapAlerts();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;

using Gateway.Bus;
using Gateway.Observability;
using Gateway.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddGatewayStorage();
builder.AddGatewayBus();
builder.AddGatewayObservability();

var app = builder.Build();

app.MapGatewayObservability();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;

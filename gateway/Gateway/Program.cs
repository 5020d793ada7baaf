using Gateway.Abuse;
using Gateway.Admin;
using Gateway.Admin.Accounts;
using Gateway.Admin.Access;
using Gateway.Admin.Audit;
using Gateway.Alerts;
using Gateway.Bus;
using Gateway.Contacts;
using Gateway.Channels;
using Gateway.Channels.Infobip;
using Gateway.Channels.Kannel;
using Gateway.Channels.Twilio;
using Gateway.Channels.Ussd;
using Gateway.Channels.WhatsAppCloud;
using Gateway.Components.Console;
using Gateway.Conversations;
using Gateway.Feedback;
using Gateway.Hosting;
using Gateway.Observability;
using Gateway.Outbound;
using Gateway.Polls;
using Gateway.Profiles;
using Gateway.Profiles.Participation;
using Gateway.Simulator;
using Gateway.Storage;
using Gateway.Webhooks;

var builder = WebApplication.CreateBuilder(args);
if (KeysCommand.Matches(args))
{
    Environment.ExitCode = KeysCommand.Run(args, builder.Configuration, Console.Out, Console.Error);
    return;
}
if (AccountsCommand.Matches(args))
{
    Environment.ExitCode = AccountsCommand.Run(args, builder.Configuration, Console.In, Console.Out, Console.Error);
    return;
}
builder.RequireSafeSettings();

builder.AddGatewayCore();
builder.AddAdminKeys();
builder.AddStaffAccounts();
builder.AddGatewayStorage();
builder.AddGatewayBus();
builder.AddGatewayObservability();
builder.AddConversations();
builder.AddOutbound();
builder.AddAbuseLimits();
builder.AddSimulator();
builder.AddProfiles();
builder.AddPolls();
builder.AddAlerts();
builder.AddFeedbackDesk();
builder.AddWebhooks();
builder.AddChannel<UssdChannel>();
builder.AddChannel<KannelChannel>();
builder.AddChannel<TwilioChannel>();
builder.AddChannel<WhatsAppCloudChannel>();
builder.AddChannel<InfobipChannel>();
builder.AddConsole();

var app = builder.Build();

app.UseGatewayErrors();
app.UseRequestLog();
app.UseConsoleAssets();
app.UseGatewayAccess();
app.UseAdminRateLimit();
app.UseMiddleware<WebhookTiming>();
app.MapGatewayOpenApi();
app.MapGatewayObservability();
app.MapVersion();
app.MapFlows();
app.MapSimulator();
app.MapPolls();
app.MapParticipation();
app.MapProfiles();
app.MapAlerts();
app.MapFeedbackDesk();
app.MapWebhooks();
app.MapContacts();
app.MapAudit();
app.MapAccounts();
app.MapOutbox();
app.MapChannels();
app.MapConsole();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;

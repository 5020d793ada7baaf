using Gateway.Channels.Kannel;
using Gateway.Conversations;
using Gateway.Tests.Channels.Ussd;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Gateway.Outbound.Status;

namespace Gateway.Tests.Channels.Kannel;

/// <summary>A gateway with Kannel configured, a scripted engine and a recording status sink.</summary>
public static class KannelTestHost
{
    public const string Secret = "kannel-s3cret";

    public static GatewayApplication Create(ScriptedEngine engine, RecordingStatusEvents? sink = null, bool configured = true)
    {
        var app = new GatewayApplication().WithServices(s =>
        {
            s.RemoveAll<IConversationEngine>();
            s.AddSingleton<IConversationEngine>(engine);
            if (sink is not null)
            {
                s.RemoveAll<IStatusEvents>();
                s.AddSingleton<IStatusEvents>(sink);
            }
        });
        if (configured)
            app.With("Kannel:Secret", Secret).With("Kannel:Sender", "2727").With("Kannel:Username", "gw").With("Kannel:Password", "p@ss&word")
               .With("Gateway:PublicBaseUrl", "https://gw.example.ma/").With("Kannel:RetryDelay", "00:00:00");
        return app;
    }

    /// <summary>Echoes citizens: French text gets a question with options, Arabic an Arabic thanks, "vide" nothing.</summary>
    public static StepResult Echo(InboundMessage message)
    {
        if (message.Text == "vide") return new StepResult([], false, "c-1");
        if (message.Text.Any(c => c is >= '\u0600' and <= '\u06FF'))
            return new StepResult([Reply.Plain("شكرا: " + message.Text, "ar")], false, "c-1");
        return new StepResult([
            Reply.Plain("Merci: " + message.Text, "fr"),
            new Reply("Voulez-vous une réponse ?", [new("1", "Oui"), new("2", "Non")], "fr"),
        ], true, "c-1");
    }
}

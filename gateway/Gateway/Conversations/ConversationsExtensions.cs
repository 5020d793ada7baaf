using Gateway.Communes;
using Gateway.Conversations.Actions;
using Gateway.Conversations.Flows;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Conversations;

public static class ConversationsExtensions
{
    /// <summary>
    /// The conversational core: flows (loaded and validated now, so a bad file stops start-up; their actions and
    /// <c>options_from</c> sources once every feature has registered its own, before the gateway serves), communes,
    /// pseudonymous ids and the engine. Flows come from <c>Gateway:FlowsPath</c>, by default the <c>flows</c>
    /// folder shipped next to the binary. Features extend flows with <see cref="IFlowAction"/> and <see cref="IOptionSource"/>.
    /// </summary>
    public static WebApplicationBuilder AddConversations(this WebApplicationBuilder builder)
    {
        var path = builder.Configuration["Gateway:FlowsPath"];
        if (string.IsNullOrWhiteSpace(path)) path = Path.Combine(AppContext.BaseDirectory, "flows");
        var catalog = FlowCatalog.Load(path); // actions and sources: FlowVocabularyCheck

        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(CommuneRegistry.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<ContactIds>();
        builder.Services.AddSingleton<FlowActions>();
        builder.Services.AddSingleton<IOptionSource, CommuneOptions>();
        builder.Services.AddSingleton(sp => FlowVocabulary.Of(sp.GetServices<IFlowAction>(), sp.GetServices<IOptionSource>()));
        builder.Services.AddHostedService<FlowVocabularyCheck>();
        builder.Services.AddSingleton<FlowTexts>();
        builder.Services.AddSingleton<FlowResolver>();
        builder.Services.AddSingleton<FlowRunner>();
        builder.Services.AddSingleton<LanguageDetour>();
        builder.Services.AddSingleton<Dialog>();
        builder.Services.AddSingleton<IConversationEngine, ConversationEngine>();
        return builder;
    }

    /// <summary><c>GET /api/flows</c> and <c>GET /api/flows/{id}/graph</c> (Mermaid).</summary>
    public static IEndpointRouteBuilder MapFlows(this IEndpointRouteBuilder app)
    {
        var flows = app.MapGroup("/api/flows").WithTags("Flows").RequireAuthorization(Admin.Access.GatewayPolicies.Read);
        flows.MapGet("/", (FlowCatalog catalog) => TypedResults.Ok(catalog.Flows.OrderBy(f => f.Id, StringComparer.Ordinal).Select(f => new
        {
            f.Id,
            Name = f.Name.Texts,
            f.Keywords,
            f.Languages,
            f.DefaultLanguage,
            IdleTimeoutSeconds = (int)f.IdleTimeout.TotalSeconds,
            Nodes = f.Nodes.Count,
        }))).WithSummary("List the flows");
        flows.MapGet("/{id}/graph", Results<ContentHttpResult, NotFound<ProblemDetails>> (string id, FlowCatalog catalog) =>
            catalog.Find(id) is { } flow
                ? TypedResults.Text(FlowMachine.Mermaid(flow), "text/vnd.mermaid; charset=utf-8")
                : TypedResults.NotFound(new ProblemDetails { Title = "Unknown flow", Detail = $"No flow has id '{id}'.", Status = 404 }))
            .WithSummary("A flow's graph (Mermaid)").Produces(StatusCodes.Status200OK, typeof(string), "text/vnd.mermaid");
        return app;
    }
}

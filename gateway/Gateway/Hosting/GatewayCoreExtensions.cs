using Gateway.Conversations;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Gateway.Outbound;

namespace Gateway.Hosting;

public static class GatewayCoreExtensions
{
    /// <summary>What every feature relies on: a clock, problem details, JSON, the sender registry.</summary>
    public static WebApplicationBuilder AddGatewayCore(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton<MessageSenders>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    /// <summary>
    /// Turns failures into RFC 9457 problem details: a busy contact or an unavailable store is a 503 that providers
    /// retry; anything unexpected is a 500 that says nothing of the internals.
    /// </summary>
    public static WebApplication UseGatewayErrors(this WebApplication app)
    {
        app.UseExceptionHandler(errors => errors.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var (status, title, detail) = error switch
            {
                ContactBusyException e => (503, "Contact busy", e.Message),
                BadHttpRequestException e => (e.StatusCode, "Bad request", e.Message),
                Conversations.Ports.StoreUnavailableException => (503, "State store unavailable", "The gateway cannot reach its state store (Redis). Retry later."),
                _ when IsStoreUnavailable(error) => (503, "State store unavailable", "The gateway cannot reach its state store (Redis). Retry later."),
                _ => (500, "Internal error", "The gateway failed to handle this request; it was logged."),
            };
            if (status == 503) context.Response.Headers.RetryAfter = "5";
            context.Response.StatusCode = status;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
                Exception = error,
            });
        }));
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>();
        return app;
    }

    private static bool IsStoreUnavailable(Exception? error) =>
        error is StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException;
}

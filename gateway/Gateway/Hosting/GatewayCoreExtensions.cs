using Gateway.Conversations;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Gateway.Outbound;

namespace Gateway.Hosting;

public static class GatewayCoreExtensions
{
    /// <summary>Default of <c>Gateway:ShutdownTimeout</c>: within a container runtime's 30 s between SIGTERM and SIGKILL.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(25);

    /// <summary>What every feature relies on: a clock, problem details, JSON, the sender registry, the shutdown time.</summary>
    public static WebApplicationBuilder AddGatewayCore(this WebApplicationBuilder builder)
    {
        // How long a stop (SIGTERM) may take: in-flight requests drain, then background work stops; the bus derives its own
        // consumer and stop timeouts from it (Bus/BusExtensions.cs), so replies being retried go back to the broker in time.
        var shutdown = ShutdownTimeout(builder.Configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown);
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

    /// <summary><c>Gateway:ShutdownTimeout</c>, checked: a mistyped value stops the start with its name rather than hanging a later stop.</summary>
    public static TimeSpan ShutdownTimeout(IConfiguration configuration)
    {
        var text = configuration["Gateway:ShutdownTimeout"];
        if (string.IsNullOrWhiteSpace(text)) return DefaultShutdownTimeout;
        if (!TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var timeout) || timeout < TimeSpan.FromSeconds(1) || timeout > TimeSpan.FromMinutes(10))
            throw new InvalidOperationException(
                $"Gateway:ShutdownTimeout is '{text}': give a duration between 00:00:01 and 00:10:00 (default {DefaultShutdownTimeout:c}, within the 30 s a container runtime allows after SIGTERM).");
        return timeout;
    }

    private static bool IsStoreUnavailable(Exception? error) =>
        error is StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException;
}

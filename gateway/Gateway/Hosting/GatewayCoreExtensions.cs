using Gateway.Settings;
using Gateway.Conversations;
using Gateway.Admin.Access;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
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
        builder.Services.AddValidatedOptions<GatewayOptions>(GatewayOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddGatewayOpenApi();
        builder.Services.AddSingleton<MessageSenders>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    /// <summary>
    /// Turns failures into errors in the format of the surface asked (RFC 9457 problem details for the API, Open311's error
    /// document, the console's pages; see <see cref="ErrorSurfaces"/>): a busy contact or an unavailable store is a 503 that
    /// providers retry; a request that cannot be read is a 400; anything unexpected is a 500 that says nothing of the internals.
    /// An error status answered without a body (a 404 of no route, a 405) gets the same treatment.
    /// </summary>
    public static WebApplication UseGatewayErrors(this WebApplication app)
    {
        app.UseExceptionHandler(errors => errors.Run(context =>
            context.RequestServices.GetRequiredService<ErrorSurfaces>().WriteAsync(context, ErrorFor(context.Features.Get<IExceptionHandlerFeature>()?.Error))));
        app.UseStatusCodePages(pages =>
        {
            var status = pages.HttpContext.Response.StatusCode;
            return pages.HttpContext.RequestServices.GetRequiredService<ErrorSurfaces>().WriteAsync(pages.HttpContext,
                new SurfaceError(status, ReasonPhrases.GetReasonPhrase(status), ReasonPhrases.GetReasonPhrase(status) + "."));
        });
        app.UseMiddleware<RequestBodyLimit>();
        return app;
    }

    private static SurfaceError ErrorFor(Exception? error) => error switch
    {
        ContactBusyException e => new SurfaceError(503, "Contact busy", e.Message, RetryAfterSeconds: 5),
        BadHttpRequestException e => new SurfaceError(e.StatusCode, "Bad request", e.Message),
        _ when error is not null && RequestForms.IsMalformed(error) => new SurfaceError(400, "Bad request", RequestForms.Unreadable),
        Conversations.Ports.StoreUnavailableException => StoreUnavailable,
        _ when IsStoreUnavailable(error) => StoreUnavailable,
        _ => new SurfaceError(500, "Internal error", "The gateway failed to handle this request; it was logged."),
    };

    private static readonly SurfaceError StoreUnavailable =
        new(503, "State store unavailable", "The gateway cannot reach its state store (Redis). Retry later.", RetryAfterSeconds: 5);

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

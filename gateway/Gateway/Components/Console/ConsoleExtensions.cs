using Gateway.Admin.Access;
using Gateway.Settings;
using Gateway.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;


namespace Gateway.Components.Console;

/// <summary>
/// The commune console at <c>/console</c> (<c>/</c> leads there): Razor components rendered on the server (static SSR),
/// htmx (vendored) for the parts that change as one types, server-sent events for the numbers that move by themselves.
/// </summary>
public static class ConsoleExtensions
{
    public const string PricePerSegmentSetting = "Console:PricePerSegmentMad";

    /// <summary>An order of magnitude for a Moroccan SMS segment, to be set per contract (<c>Console:PricePerSegmentMad</c>).</summary>
    public const decimal DefaultPricePerSegmentMad = 0.25m;

    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "gw_console_af";
            o.Cookie.Path = ConsoleSession.CookiePath;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        ConsoleKeyRing.Add(builder);
        AddSessions(builder);
        builder.Services.AddScoped<ConsoleContext>();
        builder.Services.AddScoped<ConsoleAudit>();
        builder.Services.AddSingleton<IErrorSurface, ConsoleErrors>();
        builder.Services.AddSingleton<ConsoleEventLog>();
        builder.Services.AddSingleton<Bus.IOutboxProjection>(sp => sp.GetRequiredService<ConsoleEventLog>());
        builder.Services.AddSingleton<LiveResults>();
        builder.Services.AddSingleton<Pages.Citizens.CitizenLookup>();
        return builder;
    }

    /// <summary>
    /// The console's static files, public, ahead of authentication; then <see cref="ConsoleGate"/>, so that even a refusal
    /// speaks the clerk's language.
    /// </summary>
    public static WebApplication UseConsoleAssets(this WebApplication app)
    {
        // Static files are served only where no endpoint matched, so they live outside /console (wwwroot/assets, wwwroot/vendor):
        // under it, the route /console/{commune} would claim /console/console.css first.
        app.UseStaticFiles();
        app.UseMiddleware<ConsoleGate>();
        return app;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        // Public on purpose: it only leads to the console, which asks who is there.
        app.MapGet("/", () => TypedResults.Redirect("/console")).ExcludeFromDescription().AllowAnonymous();
        app.UseAntiforgery();
        app.MapRazorComponents<App>();
        ConsoleEndpoints.Map(app.MapGroup("/console").ExcludeFromDescription());
        return app;
    }

    /// <summary>The session scheme (a cookie holding a session id) and where sessions live: Redis when there is one.</summary>
    private static void AddSessions(WebApplicationBuilder builder)
    {
        builder.Services.AddStore<ConsoleSessionStore, RedisConsoleSessions, InMemoryConsoleSessions>();
        builder.Services.AddValidatedOptions<ConsoleSessionOptions>(ConsoleSessionOptions.Section);
        builder.Services.AddSingleton<ConsoleSession>();
        builder.Services.AddAuthentication().AddCookie(ConsoleSession.Scheme, ConsoleSession.Configure);
        builder.Services.AddOptions<CookieAuthenticationOptions>(ConsoleSession.Scheme)
            .Configure<ConsoleSessionStore, ConsoleSession, Microsoft.Extensions.Options.IOptions<ConsoleSessionOptions>>((o, store, session, sessionOptions) =>
            {
                o.SessionStore = store;
                o.ExpireTimeSpan = sessionOptions.Value.IdleTimeout;
                o.Events.OnValidatePrincipal = session.ValidateAsync;
            });
        builder.Services.Configure<AccessOptions>(o => o.SchemesByPath.Add((ConsoleSession.CookiePath, ConsoleSession.Scheme)));
    }
}


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
        builder.Services.AddDataProtection();
        builder.Services.AddSingleton<ConsoleSession>();
        builder.Services.AddScoped<ConsoleContext>();
        builder.Services.AddSingleton<ConsoleEventLog>();
        builder.Services.AddSingleton<Bus.IOutboxProjection>(sp => sp.GetRequiredService<ConsoleEventLog>());
        builder.Services.AddSingleton<LiveResults>();
        return builder;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapGet("/", () => TypedResults.Redirect("/console")).ExcludeFromDescription();
        // Static files are served only where no endpoint matched, so they live outside /console (wwwroot/assets, wwwroot/vendor):
        // under it, the route /console/{commune} would claim /console/console.css first.
        app.UseStaticFiles();
        app.UseMiddleware<ConsoleGate>();
        app.UseAntiforgery();
        app.MapRazorComponents<App>();
        ConsoleEndpoints.Map(app.MapGroup("/console").ExcludeFromDescription());
        return app;
    }
}

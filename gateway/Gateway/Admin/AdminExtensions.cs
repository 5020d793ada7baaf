using Gateway.Admin.Access;
using Gateway.Admin.Audit;

namespace Gateway.Admin;

public static class AdminExtensions
{
    public const string HeaderName = "X-Api-Key";

    public static WebApplicationBuilder AddAdminKeys(this WebApplicationBuilder builder)
    {
        // Keys created by `keys create` live in Redis when there is one, so revoking one takes effect on every replica.
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
        {
            builder.Services.AddSingleton<Stored.IAdminKeyStore, Stored.RedisAdminKeyStore>();
            builder.Services.AddHostedService<Stored.AdminKeyRefresher>();
        }
        builder.Services.AddSingleton(sp => new AdminKeys(sp.GetRequiredService<IConfiguration>(), sp.GetService<Stored.IAdminKeyStore>()));
        builder.AddAuditLog();
        builder.AddGatewayAccess();
        return builder;
    }
}

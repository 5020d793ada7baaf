using Gateway.Admin.Access;

namespace Gateway.Admin;

public static class AdminExtensions
{
    public const string HeaderName = "X-Api-Key";

    public static WebApplicationBuilder AddAdminKeys(this WebApplicationBuilder builder)
    {
        // Keys created by `keys create` live in Redis when there is one (AddGatewayStorage registers their store and its
        // refresher: the storage choice is made there), so revoking one takes effect on every replica.
        builder.Services.AddSingleton(sp => new AdminKeys(sp.GetRequiredService<IConfiguration>(), sp.GetService<Stored.IAdminKeyStore>()));
        builder.AddGatewayAccess();
        return builder;
    }
}

using Microsoft.AspNetCore.Http;

namespace Gateway.Testing.Fakes;

/// <summary>Meta's Graph API messages endpoint on loopback: a wamid per accepted message, or Graph's JSON error.</summary>
public sealed class FakeGraphApi : FakeProviderApi
{
    public static async Task<FakeGraphApi> StartNewAsync()
    {
        var api = new FakeGraphApi();
        await api.StartAsync();
        return api;
    }

    public static string WamidFor(int index) => $"wamid.FAKE{index:D6}";

    protected override Task WriteSuccessAsync(HttpContext context, int index) =>
        context.Response.WriteAsJsonAsync(new
        {
            messaging_product = "whatsapp",
            contacts = new[] { new { input = "212612345678", wa_id = "212612345678" } },
            messages = new[] { new { id = WamidFor(index), message_status = "accepted" } },
        });

    protected override Task WriteErrorAsync(HttpContext context, int status, string code)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new
        {
            error = new { message = $"Fake Graph error {code}", type = "OAuthException", code = int.Parse(code), fbtrace_id = "Afake" },
        });
    }
}

using Microsoft.AspNetCore.Http;

namespace Gateway.Testing.Fakes;

/// <summary>Twilio's Messages API on loopback: 201 with a message resource, or Twilio's JSON error.</summary>
public sealed class FakeTwilioApi : FakeProviderApi
{
    public static async Task<FakeTwilioApi> StartNewAsync()
    {
        var api = new FakeTwilioApi();
        await api.StartAsync();
        return api;
    }

    public static string SidFor(int index) => $"SM{index:D32}";

    protected override Task WriteSuccessAsync(HttpContext context, int index)
    {
        context.Response.StatusCode = StatusCodes.Status201Created;
        return context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["sid"] = SidFor(index),
            ["status"] = "queued",
            ["error_code"] = null,
            ["api_version"] = "2010-04-01",
        });
    }

    protected override Task WriteErrorAsync(HttpContext context, int status, string code)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["code"] = int.Parse(code),
            ["message"] = $"Fake Twilio error {code}",
            ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
            ["status"] = status,
        });
    }
}

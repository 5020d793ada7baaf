using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gateway.Testing;

/// <summary>
/// A browser-like client of the console over HTTP: its own cookie jar (the session and the antiforgery cookie), no
/// automatic redirects (a test reads them), the sign-in form posted as a clerk would, and the form token a post needs.
/// </summary>
public sealed partial class ConsoleClient
{
    private string? _token;

    private ConsoleClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static ConsoleClient Anonymous<T>(GatewayHost<T> app) where T : GatewayHost<T> =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    /// <summary>Signs in through the sign-in form with <paramref name="key"/>; throws unless it is accepted.</summary>
    public static async Task<ConsoleClient> SignInAsync<T>(GatewayHost<T> app, string key) where T : GatewayHost<T>
    {
        var client = Anonymous(app);
        using var response = await client.PostFormAsync("/console/signin", ("_handler", "signin"), ("Form.Key", key), ("Form.ReturnUrl", "/console"));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        client._token = null; // the antiforgery token is bound to who is signed in
        return client;
    }

    /// <summary>Posts the sign-in page's account form; the answer as is (a redirect when a session opened).</summary>
    public async Task<HttpResponseMessage> SignInWithPasswordAsync(string login, string password)
    {
        var response = await PostFormAsync("/console/signin", ("_handler", "account-signin"), ("Login", login), ("Password", password), ("ReturnUrl", "/console"));
        if (response.StatusCode == HttpStatusCode.Redirect) _token = null; // the antiforgery token is bound to who is signed in
        return response;
    }

    /// <summary>Posts the sign-in page's password change form (a redirect when the new password took and a session opened).</summary>
    public async Task<HttpResponseMessage> ChangePasswordAsync(string login, string current, string next, string? repeat = null)
    {
        var response = await PostFormAsync("/console/signin?change=1", ("_handler", "password-change"), ("Login", login), ("Current", current),
            ("Next", next), ("Repeat", repeat ?? next), ("ReturnUrl", "/console"));
        if (response.StatusCode == HttpStatusCode.Redirect) _token = null;
        return response;
    }

    /// <summary>Posts a form as the console's pages do, with the antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", await TokenAsync()));
        return await Http.PostAsync(path, new FormUrlEncodedContent(values));
    }

    /// <summary>The form token for this client's identity (read from the sign-in page, which every caller may open).</summary>
    public async Task<string> TokenAsync()
    {
        if (_token is not null) return _token;
        var page = await Http.GetStringAsync("/console/signin");
        return _token = Token().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("no antiforgery token on the sign-in page");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.RegularExpressions;
using Gateway.Observability;

namespace Gateway.Tests.Adoption;

/// <summary>The running gateway says which release it is, to anyone, as the assembly was built.</summary>
public sealed partial class VersionSpecs
{
    private static readonly Assembly Gateway = typeof(Program).Assembly;

    [Fact]
    public async Task Version_answers_without_a_key_with_the_assembly_s_version()
    {
        await using var app = new GatewayApplication();
        var response = await app.CreateClient().GetAsync("/version");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<VersionResponse>();
        var informational = Gateway.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(informational, body!.InformationalVersion);
        Assert.Equal(informational.Split('+')[0], body.Version);
        var assemblyVersion = Gateway.GetName().Version!;
        Assert.Equal($"{assemblyVersion.Major}.{assemblyVersion.Minor}.{assemblyVersion.Build}", body.Version.Split('-')[0]);
        Assert.Matches(SemanticVersion(), body.Version);
        if (body.Commit is not null) Assert.EndsWith("+" + body.Commit, body.InformationalVersion);
    }

    [Theory]
    [InlineData("fr", "Version")]
    [InlineData("ar", "الإصدار")]
    public async Task The_console_footer_shows_the_version_in_the_page_s_language(string language, string label)
    {
        await using var app = new GatewayApplication();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "gw_console_lang=" + language);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/console/signin"));

        // The layout's scoped CSS adds its b-… attribute to each element, hence [^>]*; Razor writes + as &#x2B;, hence the decoding.
        Assert.Matches($"""<footer[^>]*>{label} <bdi dir="ltr"[^>]*>{Regex.Escape(GatewayVersion.Display)}</bdi></footer>""", page);
    }

    // semver.org's core and pre-release, without build metadata (that part is the commit, kept apart).
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemanticVersion();
}

using Gateway.Admin;
using Gateway.Admin.Access;
using Gateway.Communes;
using Gateway.Profiles.Places;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gateway.Profiles.Census;

/// <summary>
/// <c>GET</c> and <c>PUT /api/communes/{commune}/census</c>: the population shares (2024 census) the participation page
/// and <c>GET /api/communes/{commune}/participation</c> set each share against. Staff of the commune and the programme
/// change them; observers read them; another commune's key gets a 404, as an unknown commune does.
/// </summary>
public static class CensusApi
{
    /// <summary>A commune's shares as the API reads and writes them.</summary>
    public sealed record CensusView(string Commune, decimal? Women, IReadOnlyDictionary<string, decimal> Ages, IReadOnlyDictionary<string, decimal> Places,
        DateTimeOffset? UpdatedAt);

    /// <summary>The body of <c>PUT</c>: every share at once (one left out is no longer known); percentages, one decimal at most.</summary>
    public sealed record PutCensusRequest(decimal? Women, Dictionary<string, decimal>? Ages, Dictionary<string, decimal>? Places);

    public static IEndpointRouteBuilder MapCensus(this IEndpointRouteBuilder app)
    {
        var communes = app.MapGroup("/api/communes").WithTags("Participation").RequireAuthorization(GatewayPolicies.Read);
        communes.MapGet("/{commune}/census", GetAsync).WithSummary("A commune's population shares (2024 census) for the participation figures");
        communes.MapPut("/{commune}/census", PutAsync).RequireAuthorization(GatewayPolicies.Act)
            .WithSummary("Replace a commune's population shares");
        return app;
    }

    private static async Task<Results<Ok<CensusView>, NotFound<ProblemDetails>>> GetAsync(
        string commune, AdminCaller caller, [FromServices] CommuneRegistry communes, [FromServices] ICensusStore store, CancellationToken cancellationToken)
    {
        if (communes.Find(commune) is not { } known || !caller.CanSee(known.Id)) return UnknownCommune(commune);
        return TypedResults.Ok(View(known.Id, await store.GetAsync(known.Id, cancellationToken)));
    }

    private static async Task<Results<Ok<CensusView>, ValidationProblem, NotFound<ProblemDetails>>> PutAsync(
        string commune, PutCensusRequest body, AdminCaller caller, [FromServices] CommuneRegistry communes, [FromServices] ICensusStore store,
        [FromServices] IPlaceStore places, [FromServices] IOptions<ProfilesOptions> profiles, [FromServices] TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (communes.Find(commune) is not { } known || !caller.CanSee(known.Id)) return UnknownCommune(commune);
        var shares = new CensusShares(body.Women, body.Ages ?? [], body.Places ?? []);
        var (saved, errors) = await SaveAsync(known.Id, shares, store, places, profiles.Value, clock, cancellationToken);
        if (saved is null)
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(e => e)), title: "Invalid census shares");
        return TypedResults.Ok(View(known.Id, saved));
    }

    /// <summary>Checks and stores a commune's shares (the API and the participation page's form alike); null and the problems when refused.</summary>
    public static async Task<(CensusShares? Saved, Dictionary<string, string[]> Errors)> SaveAsync(string commune, CensusShares shares,
        ICensusStore store, IPlaceStore places, ProfilesOptions profiles, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = CensusRules.Validate(shares, profiles.Bands(), await places.GetAsync(commune, cancellationToken));
        if (errors.Count > 0) return (null, errors);
        var saved = shares with { UpdatedAt = clock.GetUtcNow() };
        await store.PutAsync(commune, saved, cancellationToken);
        return (saved, errors);
    }

    private static CensusView View(string commune, CensusShares shares) => new(commune, shares.Women, shares.Ages, shares.Places, shares.UpdatedAt);

    private static NotFound<ProblemDetails> UnknownCommune(string commune) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Unknown commune", Detail = $"No commune '{commune}' is open to this key.", Status = 404 });
}

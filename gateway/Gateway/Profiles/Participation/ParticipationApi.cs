using Gateway.Admin.Access;
using Gateway.Communes;
using Gateway.Conversations.Ports;
using Gateway.OpenApi;
using Gateway.Profiles.Census;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gateway.Profiles.Participation;

/// <summary>
/// <c>GET /api/communes/{commune}/participation?from=yyyy-MM&amp;to=yyyy-MM&amp;by=</c>: who took part in a commune, month by
/// month (votes, reports, subscriptions; by channel; by gender, age band, place), suppressed like every breakdown. Whole
/// months only, each month its own table and no sum over months: windows cannot be subtracted to isolate a cell. Each
/// shown row carries its share of the column and the commune's census share (<c>/census</c>); each month says how many of
/// its participants gave a complete profile (<c>people</c>).
/// </summary>
public static class ParticipationApi
{
    public static IEndpointRouteBuilder MapParticipation(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/communes").WithTags("Participation").RequireAuthorization(GatewayPolicies.Read)
            .MapGet("/{commune}/participation", GetAsync).WithQueryParameters(ParticipationRequest.Parameters);
        return app;
    }

    private static async Task<Results<Ok<ParticipationView>, ValidationProblem>> GetAsync(string commune, HttpRequest request,
        [FromServices] CommuneRegistry communes, [FromServices] ICounterStore counters, [FromServices] IOptions<ProfilesOptions> profiles,
        [FromServices] ICensusStore census, [FromServices] Places.PlaceDirectory places, [FromServices] TimeProvider clock, CancellationToken cancellationToken)
    {
        var (parsed, errors) = ParticipationRequest.Parse(request.Query, clock.GetUtcNow());
        if (parsed is not { } query)
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(e => e)), title: "Invalid participation query");
        // The route's authorization has checked that the commune exists and that the caller may see it.
        var id = communes.Find(commune)!.Id;
        return TypedResults.Ok(await ParticipationReader.ReadAsync(id, query, counters, profiles.Value, await places.RowsAsync(id, cancellationToken), cancellationToken,
            await census.GetAsync(id, cancellationToken)));
    }
}

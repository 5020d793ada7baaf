using Gateway.Admin;
using Gateway.Admin.Access;
using Gateway.Communes;
using Gateway.Conversations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Profiles.Places;

/// <summary>
/// <c>GET</c> and <c>PUT /api/communes/{commune}/places</c>: the quartiers and douars the profile's place question lists
/// (issue 24). The commune's staff and the programme change it; observers read it; another commune's key gets a 404, as an
/// unknown commune does (the route's commune is checked by the policies, Admin/Access).
/// </summary>
public static class PlacesApi
{
    public const int MaxPlaces = 40;
    public const int MaxNameLength = 40;

    /// <summary>A commune's list as the API reads and writes it.</summary>
    public sealed record PlaceList(string Commune, IReadOnlyList<Place> Places);

    /// <summary>
    /// The body of <c>PUT</c>: the whole list, in the order the question shows it. A stored place left out is kept as
    /// retired (<c>"retired": true</c>): hidden from the question, still named where it was counted; giving it again restores it.
    /// </summary>
    public sealed record PutPlacesRequest(IReadOnlyList<Place>? Places);

    public static IEndpointRouteBuilder MapPlaces(this IEndpointRouteBuilder app)
    {
        var communes = app.MapGroup("/api/communes").WithTags("Profiles").RequireAuthorization(GatewayPolicies.Read);
        communes.MapGet("/{commune}/places", GetAsync).WithSummary("A commune's places (quartiers, douars) for the profile");
        communes.MapPut("/{commune}/places", PutAsync).RequireAuthorization(GatewayPolicies.Act)
            .WithSummary("Replace a commune's places");
        return app;
    }

    private static async Task<Results<Ok<PlaceList>, NotFound<ProblemDetails>>> GetAsync(
        string commune, AdminCaller caller, [FromServices] CommuneRegistry communes, [FromServices] IPlaceStore store, CancellationToken cancellationToken)
    {
        if (communes.Find(commune) is not { } known || !caller.CanSee(known.Id)) return UnknownCommune(commune);
        return TypedResults.Ok(new PlaceList(known.Id, await store.GetAsync(known.Id, cancellationToken)));
    }

    private static async Task<Results<Ok<PlaceList>, ValidationProblem, NotFound<ProblemDetails>>> PutAsync(
        string commune, PutPlacesRequest body, AdminCaller caller, [FromServices] CommuneRegistry communes, [FromServices] PlaceDirectory directory,
        [FromServices] IPlaceStore store, CancellationToken cancellationToken)
    {
        if (communes.Find(commune) is not { } known || !caller.CanSee(known.Id)) return UnknownCommune(commune);
        var (places, errors) = await SaveAsync(known.Id, body.Places, store, directory, cancellationToken);
        if (places is null) return TypedResults.ValidationProblem(errors, title: "Invalid places");
        return TypedResults.Ok(new PlaceList(known.Id, places));
    }

    /// <summary>
    /// Checks and stores a commune's new list (the API's <c>PUT</c> and the console's places page alike): names trimmed,
    /// empty ones dropped, and each stored place left out kept as retired (<see cref="PlaceRetirement"/>). Null and the
    /// problems when the list is refused (nothing is written then).
    /// </summary>
    public static async Task<(List<Place>? Stored, Dictionary<string, string[]> Errors)> SaveAsync(string commune, IReadOnlyList<Place>? given,
        IPlaceStore store, PlaceDirectory directory, CancellationToken cancellationToken)
    {
        var errors = Validate(given);
        if (errors.Count > 0) return (null, errors);
        var places = given!.Select(p => p with
        {
            Names = p.Names.Where(n => !string.IsNullOrWhiteSpace(n.Value)).ToDictionary(n => n.Key, n => n.Value.Trim(), StringComparer.Ordinal),
        }).ToList();
        places = PlaceRetirement.Merge(await store.GetAsync(commune, cancellationToken), places);
        await directory.PutAsync(commune, places, cancellationToken);
        return (places, errors);
    }

    /// <summary>Each problem under the field it concerns, e.g. <c>places[2].id</c>.</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyList<Place>? places)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (places is null)
        {
            errors["places"] = ["Give the list of places (it may be empty)."];
            return errors;
        }
        if (places.Count(p => p?.Retired != true) > MaxPlaces) errors["places"] = [$"At most {MaxPlaces} places in use: a longer list does not fit a question."];
        if (places.Count > MaxPlaces + PlaceRetirement.MaxRetired) errors["places"] = [$"At most {MaxPlaces + PlaceRetirement.MaxRetired} places with the retired ones."];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < places.Count; i++)
        {
            var place = places[i];
            if (place?.Id is not { } id || !ProfileCell.IsPlaceId(id))
                errors[$"places[{i}].id"] = ["An id is lower-case letters, digits and hyphens (e.g. hay-salam), at most 40, and not 'u' or 'other'."];
            else if (!seen.Add(id)) errors[$"places[{i}].id"] = [$"'{id}' is already used by another place of the list."];
            var names = place?.Names ?? new Dictionary<string, string>();
            foreach (var required in new[] { Languages.French, Languages.Arabic })
                if (string.IsNullOrWhiteSpace(names.GetValueOrDefault(required)))
                    errors[$"places[{i}].names.{required}"] = ["Give the name in French and in Arabic."];
            foreach (var (language, name) in names)
            {
                if (!Languages.IsKnown(language)) errors[$"places[{i}].names.{language}"] = ["Names are given in fr, ar, zgh or zgh-Latn."];
                else if (name?.Trim().Length > MaxNameLength) errors[$"places[{i}].names.{language}"] = [$"At most {MaxNameLength} characters."];
            }
        }
        return errors;
    }

    private static NotFound<ProblemDetails> UnknownCommune(string commune) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Unknown commune", Detail = $"No commune '{commune}' is open to this key.", Status = 404 });
}

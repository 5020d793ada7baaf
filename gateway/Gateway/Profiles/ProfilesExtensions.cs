using Gateway.Conversations;
using Gateway.Conversations.Flows;
using Gateway.Conversations.Ports;
using Gateway.Profiles.Census;
using Gateway.Profiles.Places;
using Gateway.Storage;
using Gateway.Settings;

namespace Gateway.Profiles;

public static class ProfilesExtensions
{
    /// <summary>
    /// The citizen profile (issue 24): its settings (section <c>Profiles</c>, <see cref="ProfilesOptions"/>) and the
    /// participation counter the vote, report and subscription steps count through.
    /// </summary>
    public static WebApplicationBuilder AddProfiles(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ProfilesOptions>(ProfilesOptions.Section);
        builder.Services.AddSingleton<IParticipationCounter, ParticipationCounter>();
        builder.Services.AddStore<IPlaceStore, RedisPlaceStore, InMemoryPlaceStore>();
        builder.Services.AddSingleton<PlaceDirectory>();
        builder.Services.AddStore<ICensusStore, RedisCensusStore, InMemoryCensusStore>();
        builder.Services.AddSingleton<IRoutingSnapshot>(sp => sp.GetRequiredService<PlaceDirectory>());
        builder.Services.AddSingleton<IOptionSource, AgeBandOptions>();
        builder.Services.AddSingleton<IOptionSource, PlaceOptions>();
        builder.Services.AddSingleton<IFlowAction, ProfileAnswers>();
        builder.Services.AddSingleton<IFlowFollowUp, ProfileFollowUp>();
        return builder;
    }

    /// <summary>The profile's routes: the places of each commune (<see cref="PlacesApi"/>), its census shares (<see cref="CensusApi"/>).</summary>
    public static IEndpointRouteBuilder MapProfiles(this IEndpointRouteBuilder app) => app.MapPlaces().MapCensus();
}

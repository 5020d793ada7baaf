using Gateway.Conversations.Ports;
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
        return builder;
    }
}

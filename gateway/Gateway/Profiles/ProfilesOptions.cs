using System.ComponentModel.DataAnnotations;
using Gateway.Settings;

namespace Gateway.Profiles;

/// <summary>Section <c>Profiles</c> (issue 24): the age bands of breakdowns and USSD menus, and small-cell suppression.</summary>
public sealed class ProfilesOptions
{
    public const string Section = "Profiles";

    /// <summary>Bands offered on USSD and used by every age breakdown; a typed birth year falls into one at read time.</summary>
    [AgeBandList]
    public string AgeBands { get; set; } = "15-17,18-24,25-34,35-54,55+";

    /// <summary>A breakdown cell under this many is shown as "&lt; n" (with complementary suppression); a smaller segment cannot be targeted.</summary>
    [Range(2, 1000)]
    public int SuppressionThreshold { get; set; } = 5;

    /// <summary>A skipped profile is not asked again for this long (six months).</summary>
    [Duration("1.00:00:00", "3650.00:00:00")]
    public TimeSpan AskAgainAfterSkip { get; set; } = TimeSpan.FromDays(183);

    /// <summary>The bands, read (the settings check has refused a list that does not read).</summary>
    public IReadOnlyList<AgeBand> Bands() => AgeBand.ParseList(AgeBands) ?? throw new InvalidOperationException("Profiles:AgeBands does not read.");
}

/// <summary>A list of age bands as <see cref="AgeBand.ParseList"/> reads it.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AgeBandListAttribute : SettingRuleAttribute
{
    public override string Allowed =>
        "1 to 9 ascending bands without overlap such as 15-17,18-24,25-34,35-54,55+ (only the last may be open, ages 0 to 120)";

    public override bool IsValid(object? value) => value is string text && AgeBand.ParseList(text) is not null;
}

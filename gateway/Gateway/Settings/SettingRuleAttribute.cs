using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Gateway.Settings;

/// <summary>A rule of one setting, said as what is allowed: "{setting} must be {Allowed}; it is {value}."</summary>
public abstract class SettingRuleAttribute : ValidationAttribute
{
    public abstract string Allowed { get; }

    /// <summary>The settings that break the rule, with their values (a map's rule names its entry).</summary>
    public virtual IEnumerable<(string Key, object? Value)> Failures(string key, object? value) =>
        IsValid(value) ? [] : [(key, value)];
}

/// <summary>A duration between two bounds (TimeSpan text, e.g. "00:00:01" and "1.00:00:00").</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DurationAttribute(string minimum, string maximum) : SettingRuleAttribute
{
    public TimeSpan Minimum { get; } = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
    public TimeSpan Maximum { get; } = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);

    public override string Allowed => $"a duration between {SettingValues.Show(Minimum)} and {SettingValues.Show(Maximum)}";

    public override bool IsValid(object? value) => value is not TimeSpan t || (t >= Minimum && t <= Maximum);
}

/// <summary>Empty, or an absolute http(s) URL.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HttpUrlAttribute : SettingRuleAttribute
{
    public override string Allowed => "empty or an absolute http(s) URL such as https://gw.example.ma";

    public override bool IsValid(object? value) => value is not string { Length: > 0 } text
        || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}

/// <summary>An IANA time zone known to the machine (e.g. Africa/Casablanca).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TimeZoneIdAttribute : SettingRuleAttribute
{
    public override string Allowed => "an IANA time zone such as Africa/Casablanca";

    public override bool IsValid(object? value) => value is string { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}

/// <summary>Every value of a map of numbers within bounds (e.g. <c>Alerts:RateLimits:&lt;provider&gt;</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EachBetweenAttribute(double minimum, double maximum) : SettingRuleAttribute
{
    public override string Allowed => FormattableString.Invariant($"a number between {minimum} and {maximum}");

    public override bool IsValid(object? value) =>
        value is not IDictionary<string, double> map || map.Values.All(v => v >= minimum && v <= maximum);

    public override IEnumerable<(string Key, object? Value)> Failures(string key, object? value) =>
        value is IDictionary<string, double> map
            ? map.Where(e => e.Value < minimum || e.Value > maximum).Select(e => ($"{key}:{e.Key}", (object?)e.Value))
            : [];
}

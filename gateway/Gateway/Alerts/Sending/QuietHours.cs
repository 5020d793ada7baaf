using Microsoft.Extensions.Options;

namespace Gateway.Alerts.Sending;

/// <summary>Local time in the communes' zone: quiet hours (sending held until they end) and the day of the per-contact cap.</summary>
public sealed class AlertCalendar(IOptions<AlertsOptions> options)
{
    private readonly AlertsOptions _options = options.Value;
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The local day (yyyyMMdd) of an instant: the key of the per-contact daily cap.</summary>
    public string Day(DateTimeOffset instant) => ToLocal(instant).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Null when sending is allowed at <paramref name="now"/> for the commune, else the instant the quiet period ends.</summary>
    public DateTimeOffset? QuietUntil(string commune, DateTimeOffset now)
    {
        var quiet = _options.QuietHoursFor(commune);
        if (!quiet.Active) return null;
        var local = ToLocal(now);
        var time = TimeOnly.FromDateTime(local.DateTime);
        bool inQuiet = quiet.Start < quiet.End
            ? time >= quiet.Start && time < quiet.End
            : time >= quiet.Start || time < quiet.End;
        if (!inQuiet) return null;

        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (quiet.Start > quiet.End && time >= quiet.Start) endDate = endDate.AddDays(1);
        return At(endDate, quiet.End);
    }

    /// <summary>
    /// When quiet hours hold this alert at <paramref name="now"/>: null for an urgent alert (its author chose to send in quiet hours)
    /// or outside quiet hours.
    /// </summary>
    public DateTimeOffset? QuietUntil(AlertDefinition alert, DateTimeOffset now) => alert.SendsInQuietHours ? null : QuietUntil(alert.Commune, now);

    /// <summary>The instant of a local date and time in the zone (a time skipped by a clock change moves forward).</summary>
    public DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}

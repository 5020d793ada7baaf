using Gateway.Settings;

namespace Gateway.Components.Console;

/// <summary>
/// Section <c>Console:Sessions</c>: how long a console session lasts. It ends after <see cref="IdleTimeout"/> without a
/// request (sliding: each request past half of it extends it) and, whatever the activity, <see cref="Lifetime"/> after
/// signing in (absolute), so a session left open on a shared desk does not live for ever.
/// </summary>
public sealed class ConsoleSessionOptions
{
    public const string Section = "Console:Sessions";

    [Duration("00:01:00", "7.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    [Duration("00:01:00", "30.00:00:00")]
    public TimeSpan Lifetime { get; set; } = ConsoleSession.Lifetime;
}

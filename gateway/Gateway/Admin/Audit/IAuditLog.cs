namespace Gateway.Admin.Audit;

/// <summary>One admin action: who (the key's name and scope, the person when known), when, what, on what, through which surface.</summary>
/// <param name="Actor">The key's name (a key names a person or a system), or the keys command's own name.</param>
/// <param name="Action">e.g. <c>POST /api/polls/{id}/close</c>, or a feature's own verb (<c>report.answered</c>).</param>
/// <param name="Target">What was acted on (route values); never a phone number nor a contact id, which erasure must remove.</param>
/// <param name="Status">The HTTP status the action got.</param>
/// <remarks>
/// Stored as JSON (the Redis stream <c>gw:audit</c> keeps entries for years): fields are only ever added, with a value that
/// is right for the entries written before them, so every stored entry still reads.
/// </remarks>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string? ActorCommune, string Role, string Action, string Target, int Status)
{
    /// <summary>
    /// The person who acted, when the caller is a person the gateway knows by name: filled by the named staff accounts
    /// (with passwords) that the console will get; null for an admin key, whose holder <see cref="Actor"/> names, and in
    /// every entry written before this field.
    /// </summary>
    public string? Person { get; init; }

    /// <summary>
    /// Where the action came from: <see cref="AuditSurfaces.Api"/>, <see cref="AuditSurfaces.Console"/>,
    /// <see cref="AuditSurfaces.Open311"/> or <see cref="AuditSurfaces.Cli"/>. An entry written before this field reads
    /// <c>api</c> (the only surface recorded then), or <c>cli</c> for the keys command's own verbs (<c>key.created</c>, <c>key.revoked</c>).
    /// </summary>
    public string Surface { get; init; } = Action.StartsWith("key.", StringComparison.Ordinal) ? AuditSurfaces.Cli : AuditSurfaces.Api;
}

/// <summary>The surfaces an audited action can come through (<see cref="AuditEntry.Surface"/>).</summary>
public static class AuditSurfaces
{
    /// <summary>The admin HTTP API (<c>/api/...</c>, <c>X-Api-Key</c>).</summary>
    public const string Api = "api";

    /// <summary>The commune console (<c>/console/...</c>).</summary>
    public const string Console = "console";

    /// <summary>Open311 GeoReport v2 (<c>/open311/v2/...</c>).</summary>
    public const string Open311 = "open311";

    /// <summary>The gateway's command line (<c>keys create</c>, <c>keys revoke</c>).</summary>
    public const string Cli = "cli";

    /// <summary>The surface of an HTTP request, from its path.</summary>
    public static string Of(HttpRequest request) =>
        request.Path.StartsWithSegments("/console", StringComparison.OrdinalIgnoreCase) ? Console
        : request.Path.StartsWithSegments("/open311", StringComparison.OrdinalIgnoreCase) ? Open311
        : Api;
}

/// <summary>
/// The audit log of admin actions, readable by programme admins (<c>GET /api/audit</c>). Every successful change made
/// through an admin route is recorded by <see cref="AdminAudit"/>; a feature records what a route cannot say by itself
/// with <see cref="RecordAsync"/>.
/// </summary>
public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The newest entries first.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(int max, CancellationToken cancellationToken);
}

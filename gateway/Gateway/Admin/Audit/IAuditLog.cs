namespace Gateway.Admin.Audit;

/// <summary>One admin action: who (the key's name and scope), when, what, on what.</summary>
/// <param name="Action">e.g. <c>POST /api/polls/{id}/close</c>, or a feature's own verb (<c>report.answered</c>).</param>
/// <param name="Target">What was acted on (route values); never a phone number nor a contact id, which erasure must remove.</param>
/// <param name="Status">The HTTP status the action got.</param>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string? ActorCommune, string Role, string Action, string Target, int Status);

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

using Gateway.Conversations.Ports;

namespace Gateway.Profiles;

/// <summary>
/// Before a contact is erased, its counts leave its profile's cell for <c>u|u|u</c> (one commit, version-checked), so
/// that the breakdowns keep the votes and reports, but no longer under the erased person's gender, age or place.
/// </summary>
public static class ProfileErasure
{
    private const int Attempts = 5;

    public static async Task ForgetCellAsync(IContactStore store, StoredContact stored, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var state = stored.State;
            var moves = ProfileCounts.Moves(state, ProfileCell.Of(state.Profile), ProfileCell.Unknown)
                .SelectMany(m => new[] { new CounterIncrement(m.Counter, m.From, -m.Count), new CounterIncrement(m.Counter, m.To, m.Count) })
                .ToList();
            if (moves.Count == 0) return;
            // The state written is erased right after; it drops the profile so that a crash between the two leaves no cell to move twice.
            state.Profile = null;
            var outcome = await store.CommitAsync(new ContactCommit(state.ContactId, stored.Version, state, [], moves, null), cancellationToken);
            if (outcome is not CommitOutcome.Conflict { Current: { } current }) return;
            stored = current;
        }
    }
}

namespace Gateway.Conversations.Ports;

/// <summary>Versions of contact states (see <see cref="StoredContact.Version"/>).</summary>
public static class ContactVersions
{
    /// <summary>0 in <see cref="ContactCommit.ExpectedVersion"/>: the contact is expected not to exist.</summary>
    public const long Absent = 0;

    /// <summary>
    /// The version a new contact starts at: random below 2^53 (exact in JSON numbers and Lua doubles alike). Starting
    /// at 1 would let a contact erased on one replica and created again reach a version that another replica's cached
    /// copy of the erased state still carries, and that stale copy would then commit over the new contact.
    /// </summary>
    public static long First() => Random.Shared.NextInt64(1, 1L << 53);

    /// <summary>The version a commit expecting <paramref name="expected"/> writes.</summary>
    public static long Next(long expected) => expected == Absent ? First() : expected + 1;
}

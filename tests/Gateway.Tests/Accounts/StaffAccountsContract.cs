using Gateway.Admin.Accounts;

namespace Gateway.Tests.Accounts;

/// <summary>
/// What every <see cref="IStaffAccounts"/> does, written once: run on the embedded default here, on real Redis and on the
/// 3-master Redis Cluster in the integration tests (which link this file).
/// </summary>
public abstract class StaffAccountsContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract Task<IStaffAccounts> CreateStoreAsync();

    private static StaffAccount Account(string login, string display = "Karim B.") =>
        new(login, display, "agadir", "staff", "hash-" + login) { Stamp = "s1", CreatedAt = DateTimeOffset.UnixEpoch, CreatedBy = "test" };

    [Fact]
    public async Task An_added_account_is_found_by_its_login_in_any_case_and_listed()
    {
        var store = await CreateStoreAsync();

        Assert.True(await store.TryAddAsync(Account("karim.b"), None));
        Assert.True(await store.TryAddAsync(Account("amina"), None));

        var found = await store.FindAsync("KARIM.B", None);
        Assert.Equal(Account("karim.b"), found);
        Assert.Null(await store.FindAsync("nobody", None));
        Assert.Equal(["amina", "karim.b"], (await store.ListAsync(None)).Select(a => a.Login).Order());
    }

    [Fact]
    public async Task A_taken_login_is_not_added_again_and_the_first_account_stays()
    {
        var store = await CreateStoreAsync();
        await store.TryAddAsync(Account("karim"), None);

        Assert.False(await store.TryAddAsync(Account("Karim", "Someone Else"), None));

        Assert.Equal("Karim B.", (await store.FindAsync("karim", None))!.DisplayName);
    }

    [Fact]
    public async Task A_replace_applies_only_over_the_version_it_read_and_counts_the_version_up()
    {
        var store = await CreateStoreAsync();
        await store.TryAddAsync(Account("karim"), None);
        var read = (await store.FindAsync("karim", None))!;

        Assert.True(await store.TryReplaceAsync(read with { Disabled = true }, read.Version, None));
        Assert.False(await store.TryReplaceAsync(read with { DisplayName = "Lost update" }, read.Version, None));
        Assert.False(await store.TryReplaceAsync(Account("ghost"), 0, None));

        var now = (await store.FindAsync("karim", None))!;
        Assert.True(now.Disabled);
        Assert.Equal("Karim B.", now.DisplayName);
        Assert.Equal(read.Version + 1, now.Version);
        Assert.Null(await store.FindAsync("ghost", None));
    }

    [Fact]
    public async Task Failures_are_counted_per_subject_and_window()
    {
        var store = await CreateStoreAsync();
        var ttl = TimeSpan.FromMinutes(15);

        Assert.Equal(1, await store.CountFailureAsync("a:karim@192.0.2.1", 100, ttl, None));
        Assert.Equal(2, await store.CountFailureAsync("a:karim@192.0.2.1", 100, ttl, None));
        Assert.Equal(1, await store.CountFailureAsync("ip:192.0.2.1", 100, ttl, None));
        Assert.Equal(1, await store.CountFailureAsync("a:karim@192.0.2.1", 101, ttl, None));

        Assert.Equal(2, await store.FailuresAsync("a:karim@192.0.2.1", 100, None));
        Assert.Equal(1, await store.FailuresAsync("a:karim@192.0.2.1", 101, None));
        Assert.Equal(0, await store.FailuresAsync("a:amina@192.0.2.1", 100, None));
    }
}

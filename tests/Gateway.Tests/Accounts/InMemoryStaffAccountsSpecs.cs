using Gateway.Admin.Accounts;

namespace Gateway.Tests.Accounts;

/// <summary>The contract on the embedded default.</summary>
public sealed class InMemoryStaffAccountsSpecs : StaffAccountsContract
{
    protected override Task<IStaffAccounts> CreateStoreAsync() =>
        Task.FromResult<IStaffAccounts>(new InMemoryStaffAccounts(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow)));
}

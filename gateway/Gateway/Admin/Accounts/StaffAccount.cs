namespace Gateway.Admin.Accounts;

/// <summary>
/// A named person who signs in to the console with a password: the same role and commune an admin key carries, so every
/// policy applies unchanged (<see cref="StaffAccountDesk.CallerOf"/>). Only the password's hash is kept (ASP.NET Core's
/// <c>PasswordHasher</c>: PBKDF2 with a random salt), never the password.
/// </summary>
/// <param name="Login">The sign-in name: lowercase letters, digits, '.', '_' or '-' (<see cref="PasswordRules.IsLogin"/>).</param>
/// <param name="DisplayName">The person's name as the audit log and a report's history show it.</param>
/// <param name="Commune">The commune the person may see; null for the whole programme.</param>
/// <param name="Role">programme, staff or observer (as an admin key's).</param>
/// <remarks>Stored as JSON: fields are only ever added, with a default right for accounts written before them.</remarks>
public sealed record StaffAccount(string Login, string DisplayName, string? Commune, string Role, string PasswordHash)
{
    public bool Disabled { get; init; }

    /// <summary>Set when the password was given by someone else (creation, reset): the next sign-in asks for a new one.</summary>
    public bool MustChangePassword { get; init; }

    /// <summary>Changes with the password: sessions opened with another stamp end (a reset signs the person out everywhere).</summary>
    public string Stamp { get; init; } = "";

    /// <summary>Counts every change, for compare-and-set updates (two administrators at once never lose a change).</summary>
    public long Version { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string CreatedBy { get; init; } = "";

    public DateTimeOffset UpdatedAt { get; init; }

    public string UpdatedBy { get; init; } = "";

    /// <summary>The key the stores file it under: the login, lowercase.</summary>
    public static string Normalize(string login) => login.Trim().ToLowerInvariant();
}

using System.Text.RegularExpressions;

namespace Gateway.Admin.Accounts;

/// <summary>
/// What a login and a password must be. A problem is a code (<c>password.short</c>…): the console says it in the clerk's
/// language (ConsoleTexts), the API and the command line in English (<see cref="English"/>).
/// </summary>
public static partial class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    public const string TooShort = "password.short";
    public const string TooLong = "password.long";
    public const string HoldsLogin = "password.login";
    public const string Mismatch = "password.mismatch";
    public const string Unchanged = "password.unchanged";

    /// <summary>The first problem of <paramref name="password"/> for the account <paramref name="login"/>, or null when it is acceptable.</summary>
    public static string? Problem(string? password, string login)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength) return TooShort;
        if (password.Length > MaxLength) return TooLong;
        // A password that holds the login is the first one guessed.
        if (login.Length > 0 && password.Contains(login.Trim(), StringComparison.OrdinalIgnoreCase)) return HoldsLogin;
        return null;
    }

    public static bool IsLogin(string? login) => login is not null && LoginPattern().IsMatch(login);

    public static string English(string problem) => problem switch
    {
        TooShort => $"The password must be at least {MinLength} characters long.",
        TooLong => $"The password must be at most {MaxLength} characters long.",
        HoldsLogin => "The password must not contain the login.",
        Mismatch => "The two passwords differ.",
        Unchanged => "The new password must differ from the current one.",
        _ => problem,
    };

    /// <summary>A password for someone else to give (creation, reset): 16 characters without look-alikes, changed at first sign-in.</summary>
    public static string NewTemporary()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(16, alphabet, (span, letters) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = letters[System.Security.Cryptography.RandomNumberGenerator.GetInt32(letters.Length)];
        });
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,39}$")]
    private static partial Regex LoginPattern();
}

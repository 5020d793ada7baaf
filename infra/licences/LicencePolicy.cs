namespace Gateway.Licences;

/// <summary>
/// Which licences the gateway may ship under Apache-2.0. The rule is the Apache Software Foundation's for third-party
/// code (its "category A": permissive licences that add no condition to the whole), plus the SIL Open Font License for
/// fonts shipped as separate, unchanged files (the ASF accepts OFL for fonts; OFL forbids selling the fonts alone, not
/// bundling them). Weak copyleft (MPL, EPL, MS-PL, LGPL) and strong copyleft are refused here: a package offered under
/// a choice ("Apache-2.0 OR MPL-2.0") passes by the permissive branch. Widening this list is a decision for the
/// maintainers, written here with its reason (CONTRIBUTING.md).
/// </summary>
public static class LicencePolicy
{
    /// <summary>SPDX id → why it is compatible.</summary>
    public static readonly IReadOnlyDictionary<string, string> Permissive = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Apache-2.0"] = "the gateway's own licence",
        ["MIT"] = "permissive: keep the notice",
        ["BSD-2-Clause"] = "permissive: keep the notice",
        ["BSD-3-Clause"] = "permissive: keep the notice, no endorsement",
        ["0BSD"] = "permissive, no condition at all",
        ["ISC"] = "permissive: keep the notice",
        ["Zlib"] = "permissive: keep the notice, mark changes",
        ["BSL-1.0"] = "permissive (Boost): keep the notice in source",
        ["Unicode-3.0"] = "permissive (Unicode data files): keep the notice",
    };

    /// <summary>Allowed for font files only (by file, see <see cref="IsFont"/>).</summary>
    public static readonly IReadOnlyDictionary<string, string> FontsOnly = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["OFL-1.1"] = "fonts shipped unchanged as separate files, with their licence",
    };

    public static bool IsFont(string file) =>
        Path.GetExtension(file).ToLowerInvariant() is ".woff2" or ".woff" or ".ttf" or ".otf"
        || Path.GetFileName(file).StartsWith("LICENSE", StringComparison.OrdinalIgnoreCase) && file.Contains("fonts/", StringComparison.Ordinal);

    /// <summary>Null when <paramref name="expression"/> (SPDX: ids, AND, OR, WITH, parentheses) may ship; else why not.</summary>
    public static string? Refusal(string? expression, bool font = false)
    {
        if (string.IsNullOrWhiteSpace(expression)) return "no licence known";
        try
        {
            var parser = new Parser(expression, font);
            var allowed = parser.Or();
            if (!parser.AtEnd) return $"'{expression}' is not an SPDX expression";
            return allowed ? null : $"'{expression}' is not compatible with Apache-2.0 here (allowed: {string.Join(", ", Allowed(font))})";
        }
        catch (FormatException)
        {
            return $"'{expression}' is not an SPDX expression";
        }
    }

    private static IEnumerable<string> Allowed(bool font) => font ? Permissive.Keys.Concat(FontsOnly.Keys) : Permissive.Keys;

    /// <summary>Recursive descent over SPDX license-expression syntax, evaluating as it goes.</summary>
    private sealed class Parser(string text, bool font)
    {
        private readonly string[] tokens = text.Replace("(", " ( ").Replace(")", " ) ").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        private int at;

        public bool AtEnd => at == tokens.Length;

        public bool Or()
        {
            var allowed = And();
            while (Take("OR")) allowed |= And();
            return allowed;
        }

        private bool And()
        {
            var allowed = With();
            while (Take("AND")) allowed &= With();
            return allowed;
        }

        // An exception (WITH) only grants more permission: the licence it qualifies decides.
        private bool With()
        {
            var allowed = Atom();
            if (Take("WITH")) Next();
            return allowed;
        }

        private bool Atom()
        {
            if (Take("("))
            {
                var allowed = Or();
                if (!Take(")")) throw new FormatException();
                return allowed;
            }
            var id = Next().TrimEnd('+');
            return Permissive.ContainsKey(id) || font && FontsOnly.ContainsKey(id);
        }

        private bool Take(string token)
        {
            if (at < tokens.Length && string.Equals(tokens[at], token, StringComparison.OrdinalIgnoreCase)) { at++; return true; }
            return false;
        }

        private string Next() =>
            at < tokens.Length && tokens[at] is not ("(" or ")") && !IsOperator(tokens[at]) ? tokens[at++] : throw new FormatException();

        private static bool IsOperator(string token) => token.ToUpperInvariant() is "AND" or "OR" or "WITH";
    }
}

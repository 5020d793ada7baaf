namespace Gateway.Hosting;

/// <summary>The gateway's commands' options: <c>--name value</c>, <c>--name=value</c>, and a flag alone (<c>--password-stdin</c>) as "".</summary>
public static class CommandLine
{
    public static Dictionary<string, string> Options(IEnumerable<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null) options[pending] = "";
                var eq = arg.IndexOf('=');
                if (eq > 0)
                {
                    options[arg[2..eq]] = arg[(eq + 1)..];
                    pending = null;
                }
                else pending = arg[2..];
            }
            else if (pending is not null)
            {
                options[pending] = arg;
                pending = null;
            }
        }
        if (pending is not null) options[pending] = "";
        return options;
    }
}

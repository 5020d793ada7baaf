namespace Gateway.Components.Console;

public static partial class ConsoleTexts
{
    private static readonly Dictionary<string, (string Fr, string Ar)> Table = new(StringComparer.Ordinal)
    {
    };
}

namespace Gateway.Text;

/// <summary>
/// Opt-in accent folding of French to the GSM-7 alphabet: a broadcast author may accept "fetes" for
/// "fêtes" to pay for 160-character segments instead of 70. Letters GSM-7 already has (é è à ù ì ò É Ç)
/// are kept; everything that is not a French letter passes through.
/// </summary>
public static class FrenchGsmFolding
{
    public static string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAny("âêîôûëïÿçœŒÀÈÊÙÎÔÛÂËÏŸ");
        if (first < 0) return text;

        var sb = new System.Text.StringBuilder(text.Length + 4);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case 'œ': sb.Append("oe"); break;
                case 'Œ': sb.Append("OE"); break;
                default: sb.Append(Fold(c)); break;
            }
        }
        return sb.ToString();
    }

    private static char Fold(char c) => c switch
    {
        'â' => 'a', 'ê' => 'e', 'î' => 'i', 'ô' => 'o', 'û' => 'u',
        'ë' => 'e', 'ï' => 'i', 'ÿ' => 'y', 'ç' => 'c',
        'À' => 'A', 'Â' => 'A', 'È' => 'E', 'Ê' => 'E', 'Ë' => 'E',
        'Î' => 'I', 'Ï' => 'I', 'Ô' => 'O', 'Ù' => 'U', 'Û' => 'U', 'Ÿ' => 'Y',
        _ => c,
    };
}

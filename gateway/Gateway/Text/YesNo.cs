namespace Gateway.Text;

/// <summary>Yes/no in French, Arabic, Darija (Arabic script and Arabizi) and Amazigh.</summary>
public static class YesNo
{
    // STUB: replaced by the full implementation (Text helper).
    public static bool? Parse(string normalized) => normalized switch { "oui" or "yes" => true, "non" or "no" => false, _ => null };
}

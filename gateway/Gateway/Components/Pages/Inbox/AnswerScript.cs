using Gateway.Conversations;
using Gateway.Text;

namespace Gateway.Components.Pages.Inbox;

/// <summary>
/// Whether a clerk's answer is written in another script than the citizen's language: Arabic words to a citizen who
/// wrote in French, Latin letters to one who wrote in Arabic. The script is certain where the language guess is not
/// (French and Amazigh share Latin letters, a short answer says little), so only a script mismatch warns.
/// </summary>
public static class AnswerScript
{
    /// <summary>The script the answer is written in when it is not the one of <paramref name="citizenLanguage"/>; null when it is, or when unsure.</summary>
    public static Script? Mismatch(string? answer, string citizenLanguage)
    {
        if (string.IsNullOrWhiteSpace(answer)) return null;
        var written = ScriptDetector.Detect(answer);
        var expected = citizenLanguage switch
        {
            Languages.Arabic => Script.Arabic,
            Languages.Tifinagh => Script.Tifinagh,
            _ => Script.Latin,
        };
        return written == Script.Unknown || written == expected ? null : written;
    }
}

using System.Text;

namespace Gateway.Admin.Access;

/// <summary>
/// Reads a request's form without letting a broken one become a 5xx: a truncated multipart body, a malformed encoding or
/// too many fields is the client's error (400).
/// </summary>
public static class RequestForms
{
    public const string Unreadable = "The request's form cannot be read (malformed encoding, truncated multipart body, or over the field limits).";

    /// <summary>The form, or null when it cannot be read.</summary>
    public static async Task<IFormCollection?> TryReadAsync(HttpRequest request)
    {
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (IsMalformed(e))
        {
            return null;
        }
    }

    /// <summary>What reading a broken form throws (as opposed to a server fault).</summary>
    public static bool IsMalformed(Exception e) =>
        e is InvalidDataException or IOException or BadHttpRequestException or FormatException or DecoderFallbackException;
}

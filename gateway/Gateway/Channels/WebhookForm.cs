namespace Gateway.Channels;

/// <summary>
/// An <c>application/x-www-form-urlencoded</c> webhook body, parsed from bytes already read within a size limit
/// (<see cref="WebhookBody"/>), with a bound on the number of fields. ASP.NET's <c>ReadFormAsync</c> throws on
/// either limit (an <see cref="InvalidDataException"/>, a 500) and reads multipart too; webhooks want neither.
/// </summary>
public sealed class WebhookForm
{
    /// <summary>As many fields as ASP.NET's FormOptions.ValueCountLimit allows; real webhooks send a dozen.</summary>
    public const int MaxFields = 1024;

    public const string MediaType = "application/x-www-form-urlencoded";

    private readonly Dictionary<string, string> _fields;

    private WebhookForm(Dictionary<string, string> fields) => _fields = fields;

    /// <summary>The first value of a field ('+' and percent escapes decoded as UTF-8), or "" when absent.</summary>
    public string this[string name] => _fields.GetValueOrDefault(name, "");

    /// <summary>The form, or null when it has more than <see cref="MaxFields"/> fields. Invalid UTF-8 becomes U+FFFD.</summary>
    public static WebhookForm? Parse(ReadOnlySpan<byte> body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = System.Text.Encoding.UTF8.GetString(body);
        var count = 0;
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (++count > MaxFields) return null;
            var equals = part.IndexOf('=');
            var name = Decode(equals < 0 ? part : part[..equals]);
            fields.TryAdd(name, equals < 0 ? "" : Decode(part[(equals + 1)..]));
        }
        return new WebhookForm(fields);
    }

    /// <summary>True for the url-encoded media type, with or without parameters (<c>; charset=utf-8</c>).</summary>
    public static bool IsForm(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith(MediaType, StringComparison.OrdinalIgnoreCase)
        && (type.Length == MediaType.Length || type[MediaType.Length] is ';' or ' ');

    private static string Decode(string encoded) => Uri.UnescapeDataString(encoded.Replace('+', ' '));

    /// <summary>The 400 problem for a form with too many fields.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooManyFields() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "Too many form fields",
        detail: $"A webhook form may carry at most {MaxFields} fields.",
        extensions: new Dictionary<string, object?> { ["field"] = "body" });
}

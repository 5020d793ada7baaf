using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;

namespace Gateway.Channels.Twilio;

/// <summary>
/// A TwiML messaging response in exactly the shape twilio-node's MessagingResponse writes
/// (protocols.md §1): one &lt;Message&gt; per reply, &lt;Response/&gt; when there is nothing to say.
/// </summary>
public sealed class TwiMLResult(IReadOnlyList<string> messages) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string MediaType = "text/xml; charset=utf-8";
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    public IReadOnlyList<string> Messages { get; } = messages;

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => MediaType;

    public string Render()
    {
        if (Messages.Count == 0) return Declaration + "<Response/>";
        var xml = new StringBuilder(Declaration).Append("<Response>");
        foreach (var message in Messages) xml.Append("<Message>").Append(Escape(message)).Append("</Message>");
        return xml.Append("</Response>").ToString();
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = MediaType;
        await httpContext.Response.WriteAsync(Render(), Encoding.UTF8, httpContext.RequestAborted);
    }

    /// <summary>Escapes text content: &amp; &lt; &gt; as xmlbuilder does, CR as a character reference, and drops characters XML 1.0 cannot carry.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '\r': escaped.Append("&#xD;"); break;
                case '\t' or '\n': escaped.Append(c); break;
                case < ' ' or '\uFFFE' or '\uFFFF': break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        escaped.Append(c).Append(text[++i]);
                    }
                    else if (!char.IsSurrogate(c))
                    {
                        escaped.Append(c);
                    }
                    break;
            }
        }
        return escaped.ToString();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/xml"]));
}

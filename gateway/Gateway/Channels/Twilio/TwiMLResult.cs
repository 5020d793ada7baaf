using System.Buffers;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;

namespace Gateway.Channels.Twilio;

/// <summary>
/// A TwiML messaging response in exactly the shape twilio-node's MessagingResponse writes
/// (docs/protocols.md §1): one &lt;Message&gt; per reply, &lt;Response/&gt; when there is nothing to say.
/// </summary>
/// <remarks>
/// Written as UTF-8 straight into one pooled buffer (every Twilio webhook answers with one): the replies are escaped
/// run by run, with no string built per message or for the document.
/// Kept over the Twilio package's MessagingResponse, whose declaration says encoding="utf-8" (not the documented "UTF-8")
/// and which allocates 34 times more (benchmarks README, twilio-ab).
/// </remarks>
public sealed class TwiMLResult(IReadOnlyList<string> messages) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string MediaType = "text/xml; charset=utf-8";

    /// <summary>
    /// What a reply's text cannot be copied with as is: the characters escaped, those XML 1.0 cannot carry (dropped), and
    /// everything from the surrogates up (a surrogate is kept only in a pair; U+FFFE and U+FFFF are dropped).
    /// </summary>
    private static readonly SearchValues<char> NotPlain = SearchValues.Create(
        "&<>\r\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        string.Create(0x10000 - 0xD800, 0, static (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++) chars[i] = (char)(0xD800 + i);
        }));

    /// <summary>The most UTF-8 bytes one character of a reply can become: "&amp;amp;" and "&amp;#xD;" are five.</summary>
    private const int MaxBytesPerChar = 5;

    public IReadOnlyList<string> Messages { get; } = messages;

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => MediaType;

    public string Render()
    {
        var buffer = RentRendered(out var length);
        try
        {
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = RentRendered(out var length);
        try
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = MediaType;
            response.ContentLength = length;
            await response.BodyWriter.WriteAsync(buffer.AsMemory(0, length), httpContext.RequestAborted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The document in a pooled buffer sized for the worst case of every character escaped.</summary>
    private byte[] RentRendered(out int length)
    {
        var bound = 64;
        foreach (var message in Messages) bound += "<Message></Message>".Length + message.Length * MaxBytesPerChar;
        var buffer = ArrayPool<byte>.Shared.Rent(bound);
        length = 0;
        Append(buffer, ref length, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"u8);
        if (Messages.Count == 0)
        {
            Append(buffer, ref length, "<Response/>"u8);
            return buffer;
        }
        Append(buffer, ref length, "<Response>"u8);
        foreach (var message in Messages)
        {
            Append(buffer, ref length, "<Message>"u8);
            AppendEscaped(buffer, ref length, message);
            Append(buffer, ref length, "</Message>"u8);
        }
        Append(buffer, ref length, "</Response>"u8);
        return buffer;
    }

    /// <summary>Escapes text content: &amp; &lt; &gt; as xmlbuilder does, CR as a character reference, and drops characters XML 1.0 cannot carry.</summary>
    private static void AppendEscaped(Span<byte> destination, ref int length, ReadOnlySpan<char> text)
    {
        while (true)
        {
            var special = text.IndexOfAny(NotPlain);
            length += Encoding.UTF8.GetBytes(special < 0 ? text : text[..special], destination[length..]);
            if (special < 0) return;

            var c = text[special];
            var next = special + 1;
            switch (c)
            {
                case '&': Append(destination, ref length, "&amp;"u8); break;
                case '<': Append(destination, ref length, "&lt;"u8); break;
                case '>': Append(destination, ref length, "&gt;"u8); break;
                case '\r': Append(destination, ref length, "&#xD;"u8); break;
                case < ' ' or '\uFFFE' or '\uFFFF': break;
                default:
                    if (char.IsHighSurrogate(c) && next < text.Length && char.IsLowSurrogate(text[next]))
                    {
                        length += Encoding.UTF8.GetBytes(text.Slice(special, 2), destination[length..]);
                        next++;
                    }
                    else if (!char.IsSurrogate(c))
                    {
                        length += Encoding.UTF8.GetBytes(text.Slice(special, 1), destination[length..]);
                    }
                    break;
            }
            text = text[next..];
        }
    }

    private static void Append(Span<byte> destination, ref int length, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[length..]);
        length += bytes.Length;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/xml"]));
}

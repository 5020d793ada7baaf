using System.Buffers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Channels;

/// <summary>
/// Reads a webhook's raw body once, with a size limit, for signature checks that need the exact bytes
/// (Meta signs the raw body; Twilio signs the decoded form, which is parsed from these same bytes).
/// The handler reads the buffered bytes back with <see cref="Get"/>.
/// </summary>
public static class WebhookBody
{
    private static readonly object ItemKey = new();

    /// <summary>The buffered body, or a 413 problem when it exceeds <paramref name="maxBytes"/>.</summary>
    public static async ValueTask<(byte[]? Body, ProblemHttpResult? Problem)> ReadAsync(HttpContext context, int maxBytes)
    {
        var declared = context.Request.ContentLength;
        if (declared > maxBytes) return (null, TooLarge(maxBytes));

        var body = declared is { } length
            ? await ReadDeclaredAsync(context.Request.Body, (int)length, context.RequestAborted)
            : await ReadUndeclaredAsync(context.Request.Body, maxBytes, context.RequestAborted);
        if (body is null) return (null, TooLarge(maxBytes));

        context.Items[ItemKey] = body;
        return (body, null);
    }

    /// <summary>The body buffered by a verification filter on this request.</summary>
    public static byte[] Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var body) && body is byte[] bytes
            ? bytes
            : throw new InvalidOperationException("The webhook body was not buffered: is the verification filter missing on this route?");

    /// <summary>
    /// Read straight into an array of the declared size: webhooks are small and frequent, and one exact buffer spares the
    /// copies of a growing one. The server ends the body at Content-Length (and fails a request whose body falls short).
    /// </summary>
    private static async ValueTask<byte[]> ReadDeclaredAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        var filled = 0;
        int read;
        while (filled < length && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0) filled += read;
        return filled == length ? buffer : buffer[..filled];
    }

    /// <summary>A chunked body: read into pooled buffers that grow up to one byte past the limit, then copied out once.</summary>
    private static async ValueTask<byte[]?> ReadUndeclaredAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(4096, maxBytes + 1L));
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, maxBytes + 1L));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0) return buffer.AsSpan(0, filled).ToArray();
                filled += read;
                if (filled > maxBytes) return null;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ProblemHttpResult TooLarge(int maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"Webhook bodies are limited to {maxBytes} bytes.");
}

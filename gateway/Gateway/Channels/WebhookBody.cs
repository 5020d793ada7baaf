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
    public static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadAsync(HttpContext context, int maxBytes)
    {
        if (context.Request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));

        // Sized from Content-Length when given, and a pooled read buffer: webhooks are small and frequent.
        using var buffer = new MemoryStream(context.Request.ContentLength is > 0 and var length ? (int)length : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes) return (null, TooLarge(maxBytes));
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var body = buffer.ToArray();
        context.Items[ItemKey] = body;
        return (body, null);
    }

    /// <summary>The body buffered by a verification filter on this request.</summary>
    public static byte[] Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var body) && body is byte[] bytes
            ? bytes
            : throw new InvalidOperationException("The webhook body was not buffered: is the verification filter missing on this route?");

    private static ProblemHttpResult TooLarge(int maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"Webhook bodies are limited to {maxBytes} bytes.");
}

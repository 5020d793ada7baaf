using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Gateway.Hosting;

/// <summary>
/// One body limit for every route (413 problem), so no handler, binder or form reader is ever handed more than the
/// gateway means to read. <c>Gateway:MaxRequestBodyBytes</c> (default 1 MiB) applies unless the endpoint declares its
/// own with <c>.WithMetadata(new RequestSizeLimitAttribute(bytes))</c> (<see cref="IRequestSizeLimitMetadata"/>); webhook readers apply their
/// smaller, per-channel limits on top. A declared Content-Length over the limit is refused before anything is read;
/// a chunked body is cut by the server's own limit, which this sets per request (Kestrel's default is 30 MB).
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, IConfiguration configuration, IProblemDetailsService problems)
{
    public const string Setting = "Gateway:MaxRequestBodyBytes";
    public const long DefaultBytes = 1024 * 1024;

    private readonly long _default = configuration.GetValue<long?>(Setting) is long bytes and > 0 ? bytes : DefaultBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        var declared = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var limit = declared is null ? _default : declared.MaxRequestBodySize;
        if (limit is long max)
        {
            if (context.Request.ContentLength > max)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 413, Title = "Request body too large", Detail = $"This route accepts bodies of at most {max} bytes." },
                });
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = max;
        }
        await next(context);
    }
}

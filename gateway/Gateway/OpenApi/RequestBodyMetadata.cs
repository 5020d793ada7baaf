namespace Gateway.OpenApi;

/// <summary>
/// The body a handler reads itself (a form it parses for its own errors), for the document only. Unlike <c>.Accepts</c>,
/// it adds no accepts-metadata the framework would act on: the route keeps answering a body it cannot read as it did.
/// </summary>
public sealed record RequestBodyMetadata(Type Type, string ContentType);

public static class RequestBodyExtensions
{
    /// <summary>Documents the body a handler reads itself: <c>.DocumentsBody&lt;Form&gt;("application/x-www-form-urlencoded")</c>.</summary>
    public static TBuilder DocumentsBody<TBody, TBuilder>(this TBuilder builder, string contentType) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyMetadata(typeof(TBody), contentType));
}

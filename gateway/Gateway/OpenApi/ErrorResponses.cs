namespace Gateway.OpenApi;

/// <summary>The errors a route answers itself, documented in its surface's error shape (<see cref="ErrorShape"/>).</summary>
public sealed record ErrorResponsesMetadata(IReadOnlyList<(int Status, string Description)> Errors);

public static class ErrorResponsesExtensions
{
    /// <summary>
    /// Documents errors the handler answers that its signature does not show (a handler returning <c>IResult</c>), in the
    /// shape of the route's surface: <c>.AnswersErrors((400, "why"), (404, "why"))</c>.
    /// </summary>
    public static TBuilder AnswersErrors<TBuilder>(this TBuilder builder, params (int Status, string Description)[] errors) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ErrorResponsesMetadata(errors));
}

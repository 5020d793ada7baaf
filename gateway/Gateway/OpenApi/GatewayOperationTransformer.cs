using Gateway.Admin.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gateway.OpenApi;

/// <summary>
/// What every operation owes the document, derived from the endpoint's own metadata rather than written by hand, so that a
/// new route is described truthfully by being declared: who may call it (the admin key unless <c>AllowAnonymous</c>; Open311
/// also takes <c>api_key</c>), the refusals that follow (401, 403, 429) and the failures any route can answer (an unreadable
/// or too large body, an unavailable store), each in its surface's error shape; the query parameters a handler reads itself;
/// and, for providers' webhooks, who calls them.
/// </summary>
public sealed class GatewayOperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var method = context.Description.HttpMethod ?? "GET";
        var errors = ErrorShape.For(metadata, context.Document);
        var webhook = metadata.OfType<ProviderWebhookMetadata>().LastOrDefault();

        foreach (var (status, description) in metadata.OfType<ErrorResponsesMetadata>().SelectMany(m => m.Errors)) errors.Add(operation, status, description);
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            // An explicitly empty list: this operation needs nothing, whatever a document-wide default says.
            operation.Security = [];
        }
        else
        {
            operation.Security = [Requirement(SecuritySchemes.ApiKey, context.Document)];
            if (metadata.OfType<ApiKeyParameter>().Any()) operation.Security.Add(Requirement(SecuritySchemes.ApiKeyQuery, context.Document));
            errors.Add(operation, 401, "No key, or a key that is unknown, revoked or expired (`WWW-Authenticate: X-Api-Key`).");
            var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
            // Observers only read, and the programme's routes are the programme's: a valid key of another role is a 403.
            if (method is not ("GET" or "HEAD") || policies.Contains(GatewayPolicies.Programme))
                errors.Add(operation, 403, "The key is valid but its role may not do this (an observer changing something, a commune's key on a programme route).");
            errors.Add(operation, 429, "Too many requests with this key in the window (`Retry-After` says when to retry).");
            errors.Add(operation, 503, "The gateway cannot reach its state store; retry later (`Retry-After`).");
        }
        if (context.Description.RelativePath?.Contains("{commune}", StringComparison.Ordinal) == true)
            errors.Add(operation, 404, "The commune is unknown, or not the key's commune.");
        if (operation.RequestBody is null && context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestBodyMetadata>().LastOrDefault() is { } body)
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { [body.ContentType] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken) } },
            };
        if (operation.RequestBody is not null || webhook is not null)
        {
            errors.Add(operation, 400, "The body cannot be read (malformed JSON or form).");
            errors.Add(operation, 413, "The body is larger than this route accepts.");
        }
        // Before the webhook's tags are replaced, so that its summary names its provider.
        if (string.IsNullOrWhiteSpace(operation.Summary))
            operation.Summary = Summaries.Derive(context.Description, operation.Tags?.Select(t => t.Name ?? "") ?? []);
        if (webhook is not null) webhook.Describe(operation, context.Document, errors);

        QueryParameterExtensions.AddTo(operation, metadata.OfType<QueryParametersMetadata>());
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}

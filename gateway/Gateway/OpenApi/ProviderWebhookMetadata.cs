using Microsoft.OpenApi;

namespace Gateway.OpenApi;

/// <summary>
/// Marks a provider's webhook (<c>MapChannels</c> puts it on every channel's routes): the document files it under
/// <see cref="Tag"/>, says which provider calls it (the channel's own tag) and that its provider's signature, not a key,
/// decides; its refusals are the signature's 403 and the 503 of a provider not configured.
/// </summary>
public sealed class ProviderWebhookMetadata
{
    public const string Tag = "Provider webhooks";
    public const string TagDescription =
        "Called by telecom providers (Twilio, Meta's WhatsApp Cloud API, Infobip, Kannel, USSD aggregators), not by integrators: " +
        "each request carries its provider's signature or shared secret, checked before anything is read.";

    public static readonly ProviderWebhookMetadata Instance = new();

    internal void Describe(OpenApiOperation operation, OpenApiDocument? document, ErrorShape errors)
    {
        var providers = operation.Tags?.Select(t => t.Name).Where(n => n is not null && n != Tag).ToList() ?? [];
        var caller = providers.Count > 0 ? string.Join(", ", providers) : "a provider";
        operation.Tags = new HashSet<OpenApiTagReference> { new(Tag, document) };
        operation.Description = $"Called by {caller}, not by integrators: the provider's signature (or shared secret) is checked, no admin key. "
            + operation.Description;
        errors.Add(operation, 403, "The provider's signature or shared secret does not match.");
        errors.Add(operation, 503, "The provider is not configured on this gateway (its secret is missing), or the state store is unavailable.");
    }
}

public static class ProviderWebhookExtensions
{
    /// <summary>Marks a provider's webhook routes (see <see cref="ProviderWebhookMetadata"/>).</summary>
    public static TBuilder AsProviderWebhooks<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ProviderWebhookMetadata.Instance);
}

using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Gateway.Communes;
using Gateway.Conversations;

namespace Gateway.Alerts.Templates;

/// <summary>A commune's templates as the console shows them: the ones it saved, then the built-in ones it did not reword.</summary>
public sealed partial class AlertTemplates(IAlertTemplateStore store, CommuneRegistry communes, TimeProvider clock)
{
    public const int MaxTextLength = 1000, MaxNameLength = 60;

    public async Task<IReadOnlyList<AlertTemplate>> ListAsync(string commune, CancellationToken cancellationToken)
    {
        var saved = await store.ListAsync(commune, cancellationToken);
        var builtIn = communes.Find(commune) is { } known ? BuiltInTemplates.For(known) : [];
        return [.. saved.Where(t => BuiltInTemplates.IsBuiltIn(t.Id)), .. builtIn.Where(b => saved.All(s => s.Id != b.Id)), .. saved.Where(t => !BuiltInTemplates.IsBuiltIn(t.Id))];
    }

    public async Task<AlertTemplate?> FindAsync(string commune, string id, CancellationToken cancellationToken) =>
        (await ListAsync(commune, cancellationToken)).FirstOrDefault(t => t.Id == id);

    /// <summary>Validates and saves; the problems by field (empty when saved). A null id creates a new template.</summary>
    public async Task<Dictionary<string, string>> SaveAsync(string commune, string? id, IReadOnlyDictionary<string, string> names, string? topic,
        IReadOnlyDictionary<string, string> texts, string by, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var cleanNames = names.Where(n => !string.IsNullOrWhiteSpace(n.Value)).ToDictionary(n => n.Key, n => n.Value.Trim(), StringComparer.Ordinal);
        var cleanTexts = texts.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary(t => t.Key, t => t.Value.Trim(), StringComparer.Ordinal);
        var cleanTopic = string.IsNullOrWhiteSpace(topic) ? Compose.AlertComposer.DefaultTopic : topic.Trim();
        if (cleanNames.Count == 0 || cleanNames.Values.Any(n => n.Length > MaxNameLength)) errors["name"] = "name";
        if (!TopicPattern().IsMatch(cleanTopic)) errors["topic"] = "topic";
        if (cleanTexts.Count == 0 || cleanTexts.Any(t => !Languages.IsKnown(t.Key) || t.Value.Length > MaxTextLength)) errors["texts"] = "texts";
        if (id is not null && !BuiltInTemplates.IsBuiltIn(id) && (await store.ListAsync(commune, cancellationToken)).All(t => t.Id != id)) errors["id"] = "id";
        if (errors.Count > 0) return errors;
        await store.SaveAsync(new AlertTemplate(id ?? NewId(), commune, cleanNames, cleanTopic, cleanTexts, clock.GetUtcNow(), by), cancellationToken);
        return errors;
    }

    public Task<bool> DeleteAsync(string commune, string id, CancellationToken cancellationToken) => store.DeleteAsync(commune, id, cancellationToken);

    private static string NewId()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        return "t-" + string.Concat(Enumerable.Range(0, 8).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex TopicPattern();
}

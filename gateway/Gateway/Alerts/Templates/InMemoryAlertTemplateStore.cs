using System.Collections.Concurrent;

namespace Gateway.Alerts.Templates;

/// <summary>The embedded default: templates in process memory, lost at restart.</summary>
public sealed class InMemoryAlertTemplateStore : IAlertTemplateStore
{
    private readonly ConcurrentDictionary<(string Commune, string Id), AlertTemplate> _templates = new();

    public Task<IReadOnlyList<AlertTemplate>> ListAsync(string commune, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AlertTemplate>>(_templates.Where(t => t.Key.Commune == Key(commune)).Select(t => t.Value).OrderBy(t => t.Id, StringComparer.Ordinal).ToList());

    public Task SaveAsync(AlertTemplate template, CancellationToken cancellationToken)
    {
        _templates[(Key(template.Commune), template.Id)] = template;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string commune, string id, CancellationToken cancellationToken) =>
        Task.FromResult(_templates.TryRemove((Key(commune), id), out _));

    private static string Key(string commune) => commune.ToLowerInvariant();
}

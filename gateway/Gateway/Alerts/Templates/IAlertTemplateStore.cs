namespace Gateway.Alerts.Templates;

/// <summary>The templates a commune saved (built-in ones it reworded included); <see cref="AlertTemplates"/> adds the built-in ones it did not.</summary>
public interface IAlertTemplateStore
{
    Task<IReadOnlyList<AlertTemplate>> ListAsync(string commune, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the template of this (commune, id).</summary>
    Task SaveAsync(AlertTemplate template, CancellationToken cancellationToken);

    /// <summary>Removes the commune's template of this id (a reworded built-in one comes back as shipped); false when there was none.</summary>
    Task<bool> DeleteAsync(string commune, string id, CancellationToken cancellationToken);
}

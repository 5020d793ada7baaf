using Microsoft.Extensions.Options;

namespace Gateway.Settings;

/// <summary>One options section registered through <see cref="ValidatedOptions.AddValidatedOptions{T}"/>: reading it runs its checks.</summary>
public sealed record ValidatedSection(Type Options, Action<IServiceProvider> Read);

/// <summary>
/// Reads every validated section before anything else runs, and fails with all their problems at once. The host's own
/// start-up validation comes after its hosted services are built, and a service that reads its settings in its
/// constructor (the outbox relay) would otherwise stop the start on the first bad section alone. Registered with the first
/// validated section (the gateway core registers the first), so it is built before the other hosted services.
/// </summary>
public sealed class SettingsCheck : IHostedService
{
    public SettingsCheck(IServiceProvider services, IEnumerable<ValidatedSection> sections)
    {
        var failures = new List<OptionsValidationException>();
        foreach (var section in sections.DistinctBy(s => s.Options))
        {
            try { section.Read(services); }
            catch (OptionsValidationException failure) { failures.Add(failure); }
        }
        if (failures.Count == 1) throw failures[0];
        if (failures.Count > 1) throw new AggregateException("Settings that stop the start:" + Environment.NewLine + string.Join(Environment.NewLine, failures.Select(f => f.Message)), failures);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

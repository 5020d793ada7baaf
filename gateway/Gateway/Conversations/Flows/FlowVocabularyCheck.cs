namespace Gateway.Conversations.Flows;

/// <summary>
/// Start-up check of the flow files against what is registered: an action or <c>options_from</c> source no feature
/// registered stops the gateway before it serves, with a <see cref="FlowFileException"/> naming file, line and problem
/// and listing the known names. (The files are read and checked otherwise when the services are added, before the
/// features have registered theirs.)
/// </summary>
public sealed class FlowVocabularyCheck(FlowCatalog catalog, FlowVocabulary vocabulary) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        catalog.Check(vocabulary);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

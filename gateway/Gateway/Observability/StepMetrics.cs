using Gateway.Conversations;

namespace Gateway.Observability;

/// <summary>Counts committed conversation steps for <c>/metrics</c>.</summary>
public sealed class StepMetrics : IStepObserver
{
    public void Committed(StepContext step, StepResult result) => GatewayMetrics.ConversationSteps.Inc();
}

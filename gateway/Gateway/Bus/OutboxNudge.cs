using Gateway.Conversations;

namespace Gateway.Bus;

/// <summary>Wakes the outbox relay as soon as a step committed events, instead of at its next poll.</summary>
public sealed class OutboxNudge(OutboxSignal signal) : IStepObserver
{
    public void Committed(StepContext step, StepResult result)
    {
        if (step.Events.Count > 0) signal.Notify();
    }
}

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// One gateway for every case of a test class (<c>IClassFixture&lt;SharedGateway&gt;</c>), each case with a phone number of
/// its own and reading only its own contact's events: a gateway started per case costs about half a second (its bus
/// starting and stopping), which classes of dozens of cases paid again and again.
/// </summary>
public class SharedGateway : IDisposable
{
    private int _next;

    public SharedGateway() : this(new GatewayApplication())
    {
    }

    protected SharedGateway(GatewayApplication app) => App = app;

    public GatewayApplication App { get; }

    /// <summary>A phone number no other case of this gateway has used.</summary>
    public string NewNumber() => "+2126650" + Interlocked.Increment(ref _next).ToString("00000", System.Globalization.CultureInfo.InvariantCulture);

    public SimulatorPhone NewPhone() => new(App.CreateClient(), from: NewNumber());

    /// <summary>The events of <typeparamref name="T"/> published for these contacts only.</summary>
    public async Task<List<T>> EventsOfAsync<T>(Func<T, string?> contactOf, params string[] contactIds) where T : class =>
        [.. (await App.EventsAsync<T>()).Where(e => contactIds.Contains(contactOf(e)))];

    public void Dispose()
    {
        App.Dispose();
        GC.SuppressFinalize(this);
    }
}

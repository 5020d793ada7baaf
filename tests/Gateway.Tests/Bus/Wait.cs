namespace Gateway.Tests.Bus;

/// <summary>Waits for something the background relay does. The deadline only bounds a hung test; nothing asserts on speed.</summary>
internal static class Wait
{
    public static async Task<T> ForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up waiting for {what}; last value: {value}");
            await Task.Delay(50);
        }
    }
}

namespace Gateway.Testing;

/// <summary>
/// Waits for something a background component or a server does (the unit, integration and browser tests' one copy).
/// The deadline only bounds a hung test; nothing asserts on speed. A store or a server briefly unreachable is waited out.
/// </summary>
public static class Wait
{
    public static async Task<T> ForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        Exception? last = null;
        T value = default!;
        while (true)
        {
            // On the thread pool: a read that blocks its thread (a synchronous wait inside) cannot hold this loop.
            var reading = Task.Run(read);
            // A read that never completes (a deadlock in the code under test) fails this test by name, at the deadline,
            // instead of stalling the whole run until the runner's hang timeout kills it.
            var left = deadline - DateTime.UtcNow;
            if (await Task.WhenAny(reading, Task.Delay(left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1))) != reading)
                throw new TimeoutException($"Gave up waiting for {what}: a read did not complete within {seconds} s");
            try
            {
                value = await reading;
                last = null;
                if (done(value)) return value;
            }
            catch (Exception ex) when (ex is Gateway.Conversations.Ports.StoreUnavailableException or StackExchange.Redis.RedisException or HttpRequestException)
            {
                last = ex;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Gave up waiting for {what}; last value: {value}", last);
            await Task.Delay(100);
        }
    }
}

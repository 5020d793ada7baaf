namespace Gateway.Admin.Stored;

/// <summary>
/// Reads the stored admin keys every <see cref="AdminKeys.RefreshInterval"/> so that every replica sees a key created or
/// revoked within seconds. Real time, not the gateway's clock: this is how fresh a cache is, not a business deadline.
/// </summary>
public sealed partial class AdminKeyRefresher(AdminKeys keys, ILogger<AdminKeyRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await keys.RefreshAsync(stoppingToken);
                if (failing) LogRecovered();
                failing = false;
            }
            // Any failure of a read while the gateway runs (a Redis failover also ends reads in TaskCanceledException):
            // an exception escaping a BackgroundService stops the host, and the redis-master drill saw every replica exit.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Loud once per outage: stored keys fail closed (503) once the last read is older than the cache.
                if (!failing) LogUnavailable(e, keys.CacheFor);
                failing = true;
            }
            try
            {
                await Task.Delay(keys.RefreshInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin key store unreadable: keys in configuration still work; stored keys are refused (503) once the last read is older than {CacheFor}")]
    private partial void LogUnavailable(Exception exception, TimeSpan cacheFor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin key store readable again: stored keys work")]
    private partial void LogRecovered();
}

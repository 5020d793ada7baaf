namespace Gateway.Bus;

/// <summary>The parts of an <c>amqp://user:pass@host:port/vhost</c> URI (<c>ConnectionStrings:RabbitMq</c>).</summary>
public sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string Username, string Password, bool UseTls)
{
    /// <summary>
    /// Parses like the AMQP URI spec: default port 5672 (5671 for amqps), vhost "/" when the path is empty or "/",
    /// otherwise the path without its leading slash, percent-decoded (so <c>%2F</c> is "/"); user and password default to guest.
    /// </summary>
    public static RabbitMqAddress Parse(string uri)
    {
        var u = new Uri(uri, UriKind.Absolute);
        var tls = u.Scheme.Equals("amqps", StringComparison.OrdinalIgnoreCase);
        if (!tls && !u.Scheme.Equals("amqp", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"ConnectionStrings:RabbitMq must be an amqp:// or amqps:// URI, not {u.Scheme}://.");

        var port = u.IsDefaultPort || u.Port <= 0 ? (ushort)(tls ? 5671 : 5672) : (ushort)u.Port;
        var path = u.AbsolutePath.TrimStart('/');
        var vhost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);

        var user = "guest";
        var password = "guest";
        if (u.UserInfo.Length > 0)
        {
            var parts = u.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
        }
        return new RabbitMqAddress(u.Host, port, vhost, user, password, tls);
    }
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Gateway.Webhooks;

/// <summary>
/// The request-forgery guard: a subscriber URL must not make the gateway call its own machine or network (loopback,
/// private, link-local such as a cloud's metadata address, carrier-grade NAT), unless <c>Webhooks:AllowPrivateNetworks</c>
/// says so; in Production it must be https. Checked when the URL is registered, and again on every connection
/// (<see cref="WebhookSender"/>), against the address the name resolves to then: a name that resolved to a public
/// address at registration and to 127.0.0.1 later (DNS rebinding) is refused at delivery.
/// </summary>
public sealed class WebhookUrlGuard(IOptions<WebhookOptions> options, IHostEnvironment environment)
{
    public const int MaxUrlLength = 2000;

    /// <summary>Why the URL is refused, or null when it may be registered.</summary>
    public async Task<string?> RefusalAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url)) return "Give the subscriber's URL.";
        if (url.Length > MaxUrlLength) return $"A URL has at most {MaxUrlLength} characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return "The URL must be an absolute http or https URL.";
        if (environment.IsProduction() && uri.Scheme != "https") return "In production the URL must be https: deliveries carry citizens' reports.";
        if (uri.UserInfo.Length > 0) return "The URL must not carry a user name or password: deliveries are authenticated by their signature.";
        if (uri.Fragment.Length > 0) return "The URL must not have a fragment (#...).";

        IPAddress[] addresses;
        if (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal)) addresses = [literal];
        else if (uri.IsLoopback) addresses = [IPAddress.Loopback];
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not resolvable now (a partner's DNS not yet published, a resolver down): each delivery checks the address it
                // connects to, so nothing private is ever reached; the console shows the failures meanwhile.
                return null;
            }
        }
        return addresses.FirstOrDefault(a => !Allows(a)) is { } refused
            ? $"'{uri.Host}' is a loopback or private address ({refused}): the gateway does not call its own network."
            : null;
    }

    /// <summary>Whether a delivery may connect to this address.</summary>
    public bool Allows(IPAddress address) => options.Value.AllowPrivateNetworks || !IsPrivate(address);

    /// <summary>Loopback, unspecified, private (RFC 1918, fc00::/7), link-local, carrier-grade NAT, benchmarking and multicast addresses.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] is 0 or 10 or 127 || b[0] >= 224
                || b[0] == 169 && b[1] == 254
                || b[0] == 172 && b[1] is >= 16 and <= 31
                || b[0] == 192 && b[1] == 168
                || b[0] == 100 && b[1] is >= 64 and <= 127
                || b[0] == 198 && b[1] is 18 or 19;
        }
        var v6 = address.GetAddressBytes();
        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (v6[0] & 0xfe) == 0xfc;
    }
}

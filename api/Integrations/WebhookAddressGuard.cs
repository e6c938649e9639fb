using System.Net;
using System.Net.Sockets;

namespace MediaCoop.Api.Integrations;

/// <summary>A webhook target that must not be called: a private, loopback, link-local or otherwise internal address.</summary>
public sealed class WebhookAddressRefusedException(string message) : Exception(message);

/// <summary>
/// Keeps webhooks from reaching inside the network (SSRF). Urls are checked when registered, and every connection is
/// checked again at connect time against the address actually connected to, so DNS that changes after registration
/// (rebinding) gains nothing. Only globally routable unicast addresses pass.
/// </summary>
public static class WebhookAddressGuard
{
    /// <summary>Why <paramref name="url"/> cannot be a webhook target by its form alone, or null when its form is fine.</summary>
    public static string? RefuseUrlForm(string url, bool allowHttp)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return "Give the full address of your endpoint, starting with https://.";
        if (uri.Scheme == "http" && !allowHttp)
            return "Webhook endpoints must use https:// so that events are encrypted on the way.";
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return "Leave user names and passwords out of the address; verify our signature instead.";
        if (!string.IsNullOrEmpty(uri.Fragment))
            return "Leave the #fragment out of the address: it is never sent to a server.";
        if (string.IsNullOrWhiteSpace(uri.Host))
            return "The address has no host name.";
        return null;
    }

    /// <summary>
    /// Why the host of <paramref name="uri"/> is not a public internet address, or null when it is. Hostnames are
    /// resolved and refused when any of their addresses is internal; numeric spellings (2130706433, 0177.0.0.1,
    /// 0x7f.1, 127.1, [::ffff:127.0.0.1]) are read as the address they spell.
    /// </summary>
    public static async Task<string?> RefuseHostAsync(Uri uri, CancellationToken ct)
    {
        var host = uri.IdnHost.Trim('[', ']').TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return $"{uri.Host} is this machine; webhooks go to public internet addresses only.";
        IPAddress[] addresses;
        if (TryParseLiteral(host, out var literal)) addresses = [literal];
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, ct);
            }
            catch (SocketException)
            {
                return $"{uri.Host} could not be found in DNS. Check the address, or register it once its DNS is live.";
            }
        }
        if (addresses.Length == 0) return $"{uri.Host} has no address in DNS.";
        var inside = addresses.FirstOrDefault(a => !IsPublic(a));
        return inside is null ? null
            : $"{uri.Host} leads to {inside}, a private or reserved address; webhooks go to public internet addresses only.";
    }

    /// <summary>An IP literal in any spelling the resolver would accept (inet_aton forms included).</summary>
    public static bool TryParseLiteral(string host, out IPAddress address)
    {
        address = IPAddress.None;
        if (host.Length == 0) return false;
        // IPAddress.Parse reads the inet_aton forms (decimal, octal, hex, 1–4 parts) the way resolvers do; anything
        // else that looks numeric is not a name either.
        if (host.Contains(':')) return IPAddress.TryParse(host, out address!);
        if (!host.All(c => char.IsAsciiHexDigit(c) || c is '.' or 'x' or 'X')) return false;
        if (!host.Split('.').All(p => p.Length > 0 && (p.All(char.IsAsciiDigit) || (p.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && p[2..].All(char.IsAsciiHexDigit)))))
            return false;
        return IPAddress.TryParse(host, out address!);
    }

    /// <summary>True for globally routable unicast addresses only.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsPublicV4(b);
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;

        // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last four bytes.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].All(x => x == 0)) return IsPublicV4(b[12..]);
        // 6to4 (2002::/16) carries an IPv4 address in bytes 2–5.
        if (b[0] == 0x20 && b[1] == 0x02) return IsPublicV4(b[2..6]);
        // Teredo (2001::/32) and documentation (2001:db8::/32) addresses are never webhook targets.
        if (b[0] == 0x20 && b[1] == 0x01 && ((b[2] == 0 && b[3] == 0) || (b[2] == 0x0d && b[3] == 0xb8))) return false;
        // Global unicast is 2000::/3: this leaves out ::, ::1, IPv4-compatible ::/96, 64:ff9b:1::/48, fc00::/7
        // (unique-local), fe80::/10 (link-local), fec0::/10 (site-local) and ff00::/8 (multicast).
        return (b[0] & 0xe0) == 0x20;
    }

    private static bool IsPublicV4(byte[] b) => b[0] switch
    {
        0 or 10 or 127 => false,
        100 when (b[1] & 0xc0) == 64 => false,                   // 100.64/10 carrier-grade NAT
        169 when b[1] == 254 => false,                           // link-local, cloud metadata 169.254.169.254
        172 when (b[1] & 0xf0) == 16 => false,                   // 172.16/12
        192 when b[1] == 168 => false,                           // 192.168/16
        192 when b[1] == 0 && b[2] is 0 or 2 => false,           // IETF protocol assignments, TEST-NET-1
        198 when (b[1] & 0xfe) == 18 => false,                   // 198.18/15 benchmarking
        198 when b[1] == 51 && b[2] == 100 => false,             // TEST-NET-2
        203 when b[1] == 0 && b[2] == 113 => false,              // TEST-NET-3
        >= 224 => false,                                         // multicast, reserved, broadcast
        _ => true,
    };

    /// <summary>
    /// The connect step of the webhook HTTP client: resolves, skips internal addresses, connects, and checks the
    /// address the socket actually reached before a byte is sent.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivateNetworks, CancellationToken ct)
    {
        var endpoint = context.DnsEndPoint;
        var host = endpoint.Host.Trim('[', ']');
        var addresses = TryParseLiteral(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        Exception? last = null;
        foreach (var address in addresses)
        {
            if (!allowPrivateNetworks && !IsPublic(address))
            {
                last = new WebhookAddressRefusedException($"{endpoint.Host} leads to {address}, a private or reserved address: not connected.");
                continue;
            }
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), ct);
                if (!allowPrivateNetworks && socket.RemoteEndPoint is IPEndPoint remote && !IsPublic(remote.Address))
                    throw new WebhookAddressRefusedException($"The connection to {endpoint.Host} reached {remote.Address}, a private or reserved address: closed.");
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception e)
            {
                socket.Dispose();
                if (e is not (SocketException or WebhookAddressRefusedException)) throw;
                last = e;
            }
        }
        throw last ?? new WebhookAddressRefusedException($"{endpoint.Host} has no address.");
    }
}

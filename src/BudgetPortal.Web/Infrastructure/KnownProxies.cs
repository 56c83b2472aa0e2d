using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace BudgetPortal.Web.Infrastructure;

/// <summary>
/// The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed, from
/// ForwardedHeaders:KnownProxies (addresses) and ForwardedHeaders:KnownNetworks (CIDR), each a list
/// separated by ';' or ',' or a configuration array. The framework's default (trust loopback) is
/// cleared: a header is believed only from a listed address. X-Forwarded-Host is never believed —
/// the host is checked against AllowedHosts as it arrives.
/// </summary>
public static class KnownProxies
{
    /// <summary>Configures the forwarded headers; true when at least one proxy or network is listed.</summary>
    public static bool AddKnownProxies(this IServiceCollection services, IConfiguration config)
    {
        var proxies = List(config.GetSection("ForwardedHeaders:KnownProxies")).Select(Address).ToList();
        var networks = List(config.GetSection("ForwardedHeaders:KnownNetworks")).Select(Network).ToList();
        if (proxies.Count == 0 && networks.Count == 0) return false;
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var p in proxies) o.KnownProxies.Add(p);
            foreach (var n in networks) o.KnownIPNetworks.Add(n);
            // One proxy in front: the last address it appends is the client's.
            o.ForwardLimit = config.GetValue("ForwardedHeaders:ForwardLimit", 1);
        });
        return true;
    }

    private static IEnumerable<string> List(IConfigurationSection section) =>
        (section.Value is { Length: > 0 } value ? value.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim() ?? "")).Where(v => v.Length > 0);

    private static IPAddress Address(string text) => IPAddress.TryParse(text, out var address) ? address
        : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: “{text}” is not an IP address.");

    private static System.Net.IPNetwork Network(string text) => System.Net.IPNetwork.TryParse(text, out var network) ? network
        : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: “{text}” is not a network in CIDR form (10.0.0.0/8).");
}

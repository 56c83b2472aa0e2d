using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BudgetPortal.Web.Infrastructure;

/// <summary>This portal's own address, as a process on the same machine reaches it: Chromium printing, the page warmer.</summary>
public static class PortalAddress
{
    /// <summary><paramref name="configured"/> (Printing:BaseUrl) if set; else the server's first http:// address (loopback for a wildcard binding); null if it has none yet.</summary>
    public static Uri? Of(IServer server, string? configured)
    {
        if (!string.IsNullOrEmpty(configured)) return new Uri(configured);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault();
        if (address is null) return null;
        foreach (var wildcard in new[] { "://+:", "://*:", "://0.0.0.0:", "://[::]:" })
            address = address.Replace(wildcard, "://127.0.0.1:", StringComparison.Ordinal);
        return new Uri(address);
    }
}

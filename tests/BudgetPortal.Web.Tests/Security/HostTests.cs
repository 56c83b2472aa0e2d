using System.Net;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Web.Tests.Workspace;

namespace BudgetPortal.Web.Tests.Security;

/// <summary>
/// The portal answers only for its configured host names, and believes X-Forwarded-* only from the
/// proxy it is told about (127.0.0.2 in this portal): then its cookies are Secure behind TLS.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class HostTests(SecurityFixture portal)
{
    private static HttpClient ClientFrom(IPAddress from, Uri baseAddress) => FormSession.ClientFrom(from, baseAddress);

    [Theory]
    [InlineData("/")]
    [InlineData("/workspace")]
    [InlineData("/account/login")]
    public async Task AnUnknownHostIsRefusedAndNeverRedirectedTo(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "evil.example";
        using var response = await portal.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheConfiguredHostsAreServed()
    {
        foreach (var host in new[] { "localhost", "127.0.0.1", $"localhost:{portal.BaseAddress.Port}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/workspace");
            request.Headers.Host = host;
            using var response = await portal.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(host.Split(':')[0], response.Headers.Location!.Host);
        }
    }

    [Fact]
    public async Task AForwardedHostIsNotBelievedEvenFromTheKnownProxy()
    {
        using var client = ClientFrom(SecurityFixture.KnownProxy, portal.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/workspace");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("evil.example", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task BehindTheKnownProxyOverHttpsTheCookiesAreSecure()
    {
        await portal.CreateUserAsync("sec-proxied", PortalRoles.Officer, "jjxz");
        var cookies = await LoginCookiesAsync(SecurityFixture.KnownProxy, "sec-proxied");
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(cookies, c => c.StartsWith("budgetportal.auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("budgetportal.af=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FromAnyoneElseTheForwardedSchemeIsIgnored()
    {
        await portal.CreateUserAsync("sec-unproxied", PortalRoles.Officer, "jjxz");
        var cookies = await LoginCookiesAsync(SecurityFixture.NewClientAddress(), "sec-unproxied");
        Assert.Contains(cookies, c => c.StartsWith("budgetportal.auth=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task BehindTheKnownProxyTheThrottleCountsEachClientNotTheProxy()
    {
        // Clients behind the proxy each have their own allowance; one of them alone is throttled.
        using var client = ClientFrom(SecurityFixture.KnownProxy, portal.BaseAddress);
        async Task<HttpStatusCode> TryAsync(string forwardedFor, int attempt)
        {
            using var form = await client.SendAsync(Forwarded(HttpMethod.Get, "/account/login", forwardedFor));
            var page = await FormSession.ParseAsync(await form.Content.ReadAsStringAsync(), new Uri(portal.BaseAddress, "/account/login"));
            var post = Forwarded(HttpMethod.Post, "/account/login", forwardedFor);
            post.Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
                ["Input.UserName"] = $"sec-behind-proxy-{forwardedFor}-{attempt}", ["Input.Password"] = "Wrong-Password#1",
            });
            post.Headers.Add("Cookie", string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
            using var answer = await client.SendAsync(post);
            return answer.StatusCode;
        }
        var many = new List<HttpStatusCode>();
        for (var i = 0; i < SecurityFixture.PerAddress + 2; i++) many.Add(await TryAsync($"198.51.100.{i + 1}", 0));
        Assert.All(many, s => Assert.Equal(HttpStatusCode.OK, s));
        var one = new List<HttpStatusCode>();
        for (var i = 0; i < SecurityFixture.PerAddress + 1; i++) one.Add(await TryAsync("198.51.100.200", i));
        Assert.Equal(HttpStatusCode.TooManyRequests, one[^1]);
    }

    private static HttpRequestMessage Forwarded(HttpMethod method, string path, string forwardedFor)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    /// <summary>
    /// A login through a TLS proxy at <paramref name="from"/>: every request says X-Forwarded-Proto:
    /// https (and the client's address). The Set-Cookie headers of the form and of the login.
    /// </summary>
    private async Task<List<string>> LoginCookiesAsync(IPAddress from, string userName)
    {
        using var client = ClientFrom(from, portal.BaseAddress);
        var cookies = new List<string>();
        using var get = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        get.Headers.Add("X-Forwarded-Proto", "https");
        get.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var form = await client.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var formCookies = form.Headers.GetValues("Set-Cookie").ToList();
        cookies.AddRange(formCookies);
        var page = await FormSession.ParseAsync(await form.Content.ReadAsStringAsync(), new Uri(portal.BaseAddress, "/account/login"));
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = userName, ["Input.Password"] = WorkspaceFixture.Password,
            }),
        };
        post.Headers.Add("X-Forwarded-Proto", "https");
        post.Headers.Add("X-Forwarded-For", "203.0.113.7");
        post.Headers.Add("Cookie", string.Join("; ", formCookies.Select(c => c.Split(';')[0])));
        using var login = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        cookies.AddRange(login.Headers.GetValues("Set-Cookie"));
        return cookies;
    }
}

using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>
/// One person's browser: a cookie jar, pages parsed with AngleSharp, and forms posted as a browser
/// posts them — every field of the form as rendered (antiforgery token included), the changes the
/// test makes, and the button pressed.
/// </summary>
public sealed class FormSession : IDisposable
{
    private readonly HttpClient _http;

    public FormSession(Uri baseAddress)
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true })
            { BaseAddress = baseAddress };
    }

    /// <summary>A browser on another machine: its connections come from <paramref name="from"/> (any 127.x address is this host's).</summary>
    public FormSession(Uri baseAddress, IPAddress from)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true,
            ConnectCallback = (context, ct) => ConnectFromAsync(from, context.DnsEndPoint, ct),
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress };
    }

    /// <summary>A plain client (no cookies, no redirects followed) whose connections come from <paramref name="from"/>: a reader at another address.</summary>
    public static HttpClient ClientFrom(IPAddress from, Uri baseAddress) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false, UseCookies = false,
            ConnectCallback = (context, ct) => ConnectFromAsync(from, context.DnsEndPoint, ct),
        }) { BaseAddress = baseAddress };

    /// <summary>A TCP connection whose local (the server's remote) address is <paramref name="from"/>.</summary>
    public static async ValueTask<Stream> ConnectFromAsync(IPAddress from, DnsEndPoint to, CancellationToken ct)
    {
        var socket = new System.Net.Sockets.Socket(from.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(from, 0));
            await socket.ConnectAsync(to, ct);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public HttpClient Http => _http;

    /// <summary>The browser's cookie jar (a test may copy a cookie out of it).</summary>
    public CookieContainer Cookies { get; } = new();

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public async Task<IDocument> PageAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} → {(int)response.StatusCode}");
        return await ReadAsync(response);
    }

    public static Task<IDocument> ParseAsync(string html, Uri address) =>
        BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html).Address(address));

    public async Task<HttpResponseMessage> LoginAsync(string userName, string password)
    {
        var page = await PageAsync("/account/login");
        return await PostAsync(Form(page), new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
    }

    /// <summary>The first form whose action or handler matches, else the page's main form.</summary>
    public static IHtmlFormElement Form(IDocument page, string? containsButton = null) =>
        page.QuerySelectorAll<IHtmlFormElement>("main form")
            .FirstOrDefault(f => containsButton is null || f.QuerySelectorAll("button").Any(b => b.TextContent.Trim() == containsButton))
        ?? throw new InvalidOperationException($"no form{(containsButton is null ? "" : " with button " + containsButton)} in {page.Title}");

    /// <summary>The form's fields as the browser would send them (checked boxes only), in order.</summary>
    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "file"):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked) break;
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name!, select.Value ?? ""));
                    break;
            }
        }
        return fields;
    }

    /// <summary>Posts the form with some fields set (null removes a field) and the named button pressed.</summary>
    public Task<HttpResponseMessage> PostAsync(IHtmlFormElement form, Dictionary<string, string?> set, string? button = null)
    {
        var fields = Fields(form);
        foreach (var (name, value) in set)
        {
            fields.RemoveAll(f => f.Key == name);
            if (value is not null) fields.Add(new(name, value));
        }
        var action = Action(form, button);
        return _http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts raw fields (already gathered and edited) to the form's action.</summary>
    public Task<HttpResponseMessage> PostFieldsAsync(IHtmlFormElement form, IEnumerable<KeyValuePair<string, string>> fields, string? button = null) =>
        _http.PostAsync(Action(form, button), new FormUrlEncodedContent(fields));

    public Task<HttpResponseMessage> PostMultipartAsync(IHtmlFormElement form, string fileField, string fileName, byte[] content)
    {
        var body = new MultipartFormDataContent();
        foreach (var (name, value) in Fields(form)) body.Add(new StringContent(value), name);
        body.Add(new ByteArrayContent(content), fileField, fileName);
        return _http.PostAsync(Action(form, null), body);
    }

    private static string Action(IHtmlFormElement form, string? button)
    {
        // A button with formaction (asp-page-handler on a button) overrides the form's action.
        var pressed = button is null ? null : form.QuerySelectorAll<IHtmlButtonElement>("button").FirstOrDefault(b => b.TextContent.Trim() == button)
            ?? throw new InvalidOperationException($"no button {button}");
        var action = pressed?.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction : form.GetAttribute("action");
        if (string.IsNullOrEmpty(action)) action = new Uri(form.Owner!.Url).AbsolutePath;
        return action;
    }

    /// <summary>The page a response carries, addressed where it was requested (forms post back there).</summary>
    public static async Task<IDocument> ReadAsync(HttpResponseMessage response) =>
        await ParseAsync(await response.Content.ReadAsStringAsync(), response.RequestMessage!.RequestUri!);

    public void Dispose() => _http.Dispose();
}

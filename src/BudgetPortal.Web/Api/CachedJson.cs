using System.Reflection;
using System.Text.Json;
using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace BudgetPortal.Web.Api;

/// <summary>
/// An API answer: the value as JSON (the application's JSON options, which the OpenAPI document is
/// generated with too), an ETag that is a hash of the bytes, and Cache-Control: public, max-age=300.
/// The bytes go out as a file result, so ASP.NET itself answers a matching If-None-Match with 304 —
/// the same path as the PDFs. Its metadata tells the OpenAPI document what a 200 carries.
/// </summary>
public sealed class CachedJson<T>(T value) : IResult, IEndpointMetadataProvider, IValueHttpResult<T>
{
    public T Value => value;

    public Task ExecuteAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, options);
        PublishedContent.SetCachingHeaders(http.Response);
        return TypedResults.File(bytes, "application/json; charset=utf-8", entityTag: PublishedContent.ETagOf(bytes)).ExecuteAsync(http);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified));
    }
}

public static class CachedJson
{
    public static CachedJson<T> Of<T>(T value) => new(value);
}

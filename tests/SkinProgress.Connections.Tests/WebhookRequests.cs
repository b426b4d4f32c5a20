using Microsoft.AspNetCore.Http;

namespace SkinProgress.Connections.Tests;

/// <summary>Webhook requests as ASP.NET Core hands them to a provider.</summary>
public static class WebhookRequests
{
    public static HttpRequest Get(string queryString) => Make("GET", queryString, [], null);

    public static HttpRequest Post(byte[] body, string contentType = "application/json", params (string Name, string Value)[] headers) =>
        Make("POST", "", body, contentType, headers);

    public static HttpRequest Make(string method, string queryString, byte[] body, string? contentType, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = method;
        request.QueryString = new QueryString(queryString);
        request.Body = new MemoryStream(body);
        request.ContentLength = body.Length;
        request.ContentType = contentType;
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        return request;
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SkinProgress.IntegrationTests.Admin.Operations;

/// <summary>Posts the operations pages' forms as a browser would: the page first, for its antiforgery token and cookie.</summary>
public static partial class OperationsForms
{
    /// <summary>An admin client that follows no redirects and keeps no cookies, so each test sees every answer.</summary>
    public static HttpClient AdminPages(this SkinProgressFixture fixture, string? key = null)
    {
        var client = fixture.Api.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri("https://localhost"),
        });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key ?? fixture.AdminKey);
        return client;
    }

    /// <summary>The page as loaded now, whose forms can be posted (again, like a second click) later.</summary>
    public static async Task<OpenPage> OpenAsync(this HttpClient admin, string page)
    {
        using var form = await admin.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var token = AntiforgeryField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        var cookie = form.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        return new OpenPage(admin, page, token, cookie);
    }

    /// <summary>Loads the page and posts one of its forms; returns the notice the redirect back to it shows.</summary>
    public static async Task<string> PostAsync(this HttpClient admin, string page, string action, params (string Name, string Value)[] fields) =>
        await (await admin.OpenAsync(page)).PostAsync(action, fields);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed record OpenPage(HttpClient Admin, string Page, string Token, string Cookie)
{
    public async Task<HttpResponseMessage> SendAsync(string action, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), new("__RequestVerificationToken", Token)]),
        };
        request.Headers.Add("Cookie", Cookie);
        return await Admin.SendAsync(request);
    }

    /// <summary>Posts a form; returns the notice the redirect back to the page shows.</summary>
    public async Task<string> PostAsync(string action, params (string Name, string Value)[] fields)
    {
        using var response = await SendAsync(action, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(Page + "?done=", location, StringComparison.Ordinal);
        return Uri.UnescapeDataString(location[(Page.Length + "?done=".Length)..]);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Prometheus;
using Scalar.AspNetCore;
using SkinProgress.Api.Admin;
using SkinProgress.Api.Admin.Operations;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Connections;
using SkinProgress.Api.Imports;
using SkinProgress.Api.Ingest;
using SkinProgress.Api.Operations;
using SkinProgress.Api.Problems;
using SkinProgress.Api.RateLimits;
using SkinProgress.Api.Security;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.Api;

public static class ApiExtensions
{
    public static IHostApplicationBuilder AddApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblems();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            // Numbers are JSON numbers: the web defaults also read "172" and "NaN" from strings, and NaN then reached the database.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.AddKeyAuthentication();
        builder.AddRateLimits();
        builder.AddIngest();
        builder.AddImports();
        builder.AddConnections();
        builder.AddJobStorage();
        builder.AddMetricsEndpoint();
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery();
        builder.Services.AddScoped<BatchPublisher>();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "SkinProgress API";
            document.Info.Description = "Ingest from wearables and apps, daily totals and weekly summaries. Keys: spd_ device, spu_ user, spa_ admin.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A device (spd_), user (spu_) or admin (spa_) key.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseProblems();
        app.UseHttpMetrics();
        app.UseConnections();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOperationsGate();
        app.UseAntiforgery();
        app.MapJobsDashboard();
        app.MapOpenApi();
        app.MapMetricsEndpoint();
        app.MapScalarApiReference(ConfigureApiReference);
        return app;
    }

    /// <summary>
    /// The reference page at /scalar/v1. Scalar serves its scripts itself, so with its default fonts (from its CDN) and
    /// its telemetry off the page needs nothing but this server.
    /// </summary>
    private static void ConfigureApiReference(ScalarOptions options, HttpContext context)
    {
        var csp = context.Csp();
        options.WithTitle("SkinProgress API").WithNonce(csp.Nonce).DisableDefaultFonts().DisableTelemetry()
            // Zod, inside Scalar, tries Function('') to learn whether it may compile its validators; the policy refuses
            // and the browser reports it. Zod's own switch for such policies (jitless, read from this global) skips the try.
            .AddHeadContent($"<script nonce=\"{csp.Nonce}\">globalThis.__zod_globalConfig = {{ jitless: true }};</script>");
        // Scalar's components add <style> elements and style attributes at run time, with varying content and no nonce:
        // inline styles are allowed on this page alone. Its scripts stay 'self' or nonce.
        csp.Allow("style-src-elem", "'self'", "'unsafe-inline'").Allow("style-src-attr", "'unsafe-inline'");
    }
}

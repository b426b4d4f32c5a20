using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Prometheus;
using Scalar.AspNetCore;
using SkinProgress.Api.Admin;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Ingest;
using SkinProgress.Api.Problems;
using SkinProgress.Api.RateLimits;
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
        builder.AddJobStorage();
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
        app.UseProblems();
        app.UseHttpMetrics();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapJobsDashboard();
        app.MapOpenApi();
        app.MapMetrics("/metrics");
        app.MapScalarApiReference(o => o.WithTitle("SkinProgress API"));
        return app;
    }
}

using SkinProgress.Api;
using SkinProgress.Api.Admin;
using SkinProgress.Api.Admin.Operations;
using SkinProgress.Api.Connections;
using SkinProgress.Api.Imports;
using SkinProgress.Api.Ingest;
using SkinProgress.Api.Me;
using SkinProgress.Api.Unsubscribe;
using SkinProgress.Data;
using SkinProgress.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSkinProgressData();
builder.AddBus();
builder.AddApi();
builder.AddOperationsPages();

var app = builder.Build();

app.UseApi();
app.MapHealthEndpoints();
app.MapOperationsPages();

var v1 = app.MapGroup("/v1");
v1.MapIngest();
v1.MapImports();
v1.MapMe();
v1.MapSources();
v1.MapSummaries();
v1.MapPrivacy();
v1.MapConnections();
v1.MapConnectPages();
v1.MapWebhooks();
v1.MapUnsubscribe();
v1.MapAdmin();
v1.MapSummaryRuns();
v1.MapSummaryFailures();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

using MediaCoop.Api.Members;
using MediaCoop.Api.Platform;

// Settings files sit beside the binary, wherever it is started from (make run starts it at the repo root).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.Services.AddBlobStore();
builder.Services.AddDatabase();
builder.Services.AddErrors();
builder.Services.AddSharedDataProtection();
builder.Services.AddAuth();
builder.Services.AddAntiforgeryProtection();
builder.Services.AddHealth();
builder.Services.AddOpenApiDocument();
builder.Services.AddMembers();

var app = builder.Build();

if (await MaintenanceCommands.RunAsync(app, args) is { } exitCode) return exitCode;

app.UseErrors();
app.UseSpaFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapOpenApiDocument();
app.MapHealth();

var api = app.MapGroup("/api/v1").RequireAntiforgeryOnWrites();
api.MapMembers();

await app.RunAsync();
return 0;

public partial class Program;

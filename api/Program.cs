using MediaCoop.Api.Catalog;
using MediaCoop.Api.Curation;
using MediaCoop.Api.Governance;
using MediaCoop.Api.Integrations;
using MediaCoop.Api.Licensing;
using MediaCoop.Api.Members;
using MediaCoop.Api.Notifications;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Royalties;
using MediaCoop.Api.Uploads;

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
builder.Services.AddApiKeyDocumentation();
builder.Services.AddJobs();
builder.Services.AddMembers();
builder.Services.AddUploads();
builder.Services.AddNotifications();
builder.Services.AddCatalog();
builder.Services.AddLicensing();
builder.Services.AddStripePayments();
builder.Services.AddPublicCompression();
builder.Services.AddLicenseDocuments();
builder.Services.AddPayouts();
builder.Services.AddRoyalties();
builder.Services.AddWebhooks();
builder.Services.AddApiRateLimits();
builder.Services.AddIdempotency();
builder.Services.AddGovernance();

var app = builder.Build();

if (await MaintenanceCommands.RunAsync(app, args) is { } exitCode) return exitCode;

app.UseErrors();
app.UseSpaFiles();
app.UsePublicCompression();
app.UseAuthentication();
app.UseApiRateLimits();
app.UseApiKeys();
app.UseAuthorization();
app.UseRateLimiter();
app.MapOpenApiDocument();
app.MapHealth();
app.MapJobsDashboard();
app.MapMedia();
app.MapLicensedFileDownloads();
app.ScheduleUploadMaintenance();
app.ScheduleEmailDispatch();
app.ScheduleLicensingJobs();
app.SchedulePayoutJobs();
app.ScheduleWebhookDelivery();
app.ScheduleRateLimitPurge();
app.ScheduleIdempotencyPurge();
app.ScheduleGovernanceJobs();

var api = app.MapGroup("/api/v1").RequireAntiforgeryOnWrites().WithApiRateLimits();
api.MapMembers();
api.MapUploads();
api.MapCuration();
api.MapNotifications();
api.MapCatalog();
api.MapContributors();
api.MapProfile();
api.MapLightboxes();
api.MapLicensing();
api.MapStripePayments();
api.MapLicenseCertificates();
api.MapLicenseDownloads();
api.MapPatronage();
api.MapCoopBooks();
api.MapExpenses();
api.MapPayouts();
api.MapRoyalties();
api.MapWebhooks();
api.MapApiKeys();
api.MapProposals();
api.MapCoopSettings();
api.MapMeetings();
api.MapMemberDirectory();

await app.RunAsync();
return 0;

public partial class Program;

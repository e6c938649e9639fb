using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MediaCoop.Api.Licensing;

public sealed class LicenseDocumentOptions
{
    public const string Section = "LicenseDocuments";

    /// <summary>How long a download link works (at most 5 minutes: a link that leaks stops working soon).</summary>
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Public verifications per client address per minute: plenty for people, no help to enumeration.</summary>
    public int VerificationsPerAddressPerMinute { get; set; } = 120;
}

/// <summary>Certificates, public verification and licensed downloads.</summary>
public static class LicenseDocuments
{
    public const string VerifyRateLimit = "license-verify";

    public static IServiceCollection AddLicenseDocuments(this IServiceCollection services)
    {
        services.AddOptions<LicenseDocumentOptions>().BindConfiguration(LicenseDocumentOptions.Section)
            .Validate(o => o.DownloadLinkLifetime > TimeSpan.Zero && o.DownloadLinkLifetime <= TimeSpan.FromMinutes(5),
                "LicenseDocuments:DownloadLinkLifetime must be more than zero and at most 5 minutes.")
            .Validate(o => o.VerificationsPerAddressPerMinute > 0, "LicenseDocuments:VerificationsPerAddressPerMinute must be positive.")
            .ValidateOnStart();
        // Read for the public origin of verification links; binding twice (lic-core binds it too) is harmless.
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.Section);
        services.AddSingleton<DownloadLinks>();
        services.AddSingleton<LicensedFiles>();
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(VerifyRateLimit, http =>
        {
            var perMinute = http.RequestServices.GetRequiredService<IOptions<LicenseDocumentOptions>>().Value.VerificationsPerAddressPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        }));
        return services;
    }

    /// <summary>
    /// Where verification links point: the configured public origin of the SPA (Payments:PublicOrigin), or else the
    /// origin this request came to (the SPA and the API share it when the API serves the SPA).
    /// </summary>
    internal static string PublicOrigin(HttpContext http)
    {
        var configured = http.RequestServices.GetRequiredService<IOptions<PaymentOptions>>().Value.PublicOrigin;
        return string.IsNullOrWhiteSpace(configured) ? $"{http.Request.Scheme}://{http.Request.Host}" : configured.TrimEnd('/');
    }

    internal static ProblemHttpResult NoSuchLicense() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "No such licence", detail: "You hold no licence with this id. Your licences are listed on your account's Licences page.");
}

using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace MediaCoop.Api.Licensing;

/// <summary>
/// Short-lived download links for stores that have no presigned URLs of their own (the disk store): the app serves
/// <c>/media/downloads/{token}</c>, where the token carries the blob key, the file name and the expiry, sealed with
/// ASP.NET data protection (authenticated encryption with HMAC-SHA256, keys shared by every node through PostgreSQL).
/// A token cannot be forged or altered, and the key inside it cannot even be read.
/// </summary>
public sealed class DownloadLinks(IDataProtectionProvider dataProtection, TimeProvider time)
{
    public const string RoutePrefix = "/media/downloads/";

    private readonly IDataProtector protector = dataProtection.CreateProtector("MediaCoop.Licensing.DownloadLinks.v1");

    public string PathFor(string blobKey, string fileName, string contentType, DateTimeOffset expiresAt)
    {
        var payload = new DownloadToken(blobKey, fileName, contentType, expiresAt.ToUnixTimeSeconds());
        return RoutePrefix + protector.Protect(JsonSerializer.Serialize(payload, JsonSerializerOptions.Web));
    }

    /// <summary>The token's contents, or why it cannot be used.</summary>
    public (DownloadToken? Token, DownloadTokenProblem Problem) Read(string token)
    {
        DownloadToken? payload;
        try
        {
            payload = JsonSerializer.Deserialize<DownloadToken>(protector.Unprotect(token), JsonSerializerOptions.Web);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return (null, DownloadTokenProblem.Invalid);
        }
        if (payload is null || string.IsNullOrEmpty(payload.Key)) return (null, DownloadTokenProblem.Invalid);
        if (DateTimeOffset.FromUnixTimeSeconds(payload.Exp) <= time.GetUtcNow()) return (payload, DownloadTokenProblem.Expired);
        return (payload, DownloadTokenProblem.None);
    }
}

public sealed record DownloadToken(string Key, string FileName, string ContentType, long Exp);

public enum DownloadTokenProblem { None, Invalid, Expired }

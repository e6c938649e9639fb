using Microsoft.Extensions.Options;

namespace MediaCoop.Api.Platform;

/// <summary>Where originals and renditions are kept. The local directory is the embedded default.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    /// <summary>"disk" (a directory, <see cref="Root"/>) or "s3" (a bucket, <see cref="S3"/>).</summary>
    public string Provider { get; set; } = "disk";
    public string Root { get; set; } = Path.Combine(".data", "blobs");
    public S3StorageOptions S3 { get; set; } = new();
}

public sealed class S3StorageOptions
{
    /// <summary>The endpoint of an S3-compatible service (MinIO, R2, ...); empty for AWS itself, found from <see cref="Region"/>.</summary>
    public string ServiceUrl { get; set; } = "";
    /// <summary>The AWS region, or the signing region of another service (R2 accepts "auto"; MinIO us-east-1).</summary>
    public string Region { get; set; } = "us-east-1";
    public string Bucket { get; set; } = "";
    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";
    /// <summary>Bucket in the path (http://host/bucket/key), which MinIO and most local servers need; false for virtual-host style.</summary>
    public bool ForcePathStyle { get; set; } = true;
}

public static class Storage
{
    public const string Disk = "disk";
    public const string S3 = "s3";

    /// <summary>
    /// Binds <c>Storage</c>, checks it at start, and registers the configured <see cref="IBlobStore"/>.
    /// The store is built on first use, after configuration is complete (tests add settings late).
    /// </summary>
    public static IServiceCollection AddBlobStore(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IBlobStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return string.Equals(options.Provider, S3, StringComparison.OrdinalIgnoreCase)
                ? new S3BlobStore(options, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<S3BlobStore>>())
                : new DiskBlobStore(options);
        });
        return services;
    }

    private sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            var failures = new List<string>();
            if (string.Equals(options.Provider, Disk, StringComparison.OrdinalIgnoreCase))
            {
                if (string.IsNullOrWhiteSpace(options.Root)) failures.Add("Storage:Root is required for the disk store.");
            }
            else if (string.Equals(options.Provider, S3, StringComparison.OrdinalIgnoreCase))
            {
                var s3 = options.S3;
                if (string.IsNullOrWhiteSpace(s3.ServiceUrl) && string.IsNullOrWhiteSpace(s3.Region))
                    failures.Add("Storage:S3:ServiceUrl (an S3-compatible endpoint) or Storage:S3:Region (AWS) is required.");
                if (!string.IsNullOrWhiteSpace(s3.ServiceUrl)
                    && !(Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
                    failures.Add($"Storage:S3:ServiceUrl must be an absolute http(s) URL (got '{s3.ServiceUrl}').");
                if (string.IsNullOrWhiteSpace(s3.Bucket)) failures.Add("Storage:S3:Bucket is required.");
                if (string.IsNullOrWhiteSpace(s3.AccessKey) || string.IsNullOrWhiteSpace(s3.SecretKey))
                    failures.Add("Storage:S3:AccessKey and Storage:S3:SecretKey are required.");
            }
            else
            {
                failures.Add($"Storage:Provider must be '{Disk}' or '{S3}' (got '{options.Provider}').");
            }
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}

using System.Runtime.CompilerServices;

namespace MediaCoop.Api.Platform;

/// <summary>
/// Objects as files below one root directory, a key's slashes becoming subdirectories. A put writes a
/// temporary file beside its destination, flushes it to disk and renames it into place without
/// overwriting, so a reader sees either nothing or the whole object, and a crash leaves at most a
/// temporary file (named with '~', which no key may contain, so listing never shows it).
/// </summary>
public sealed class DiskBlobStore : IBlobStore
{
    private const string TempMarker = "~tmp-";
    // The final "is it taken? then move" step runs under one of these, by destination: .NET's no-overwrite move is
    // not atomic on every filesystem (where renameat2's RENAME_NOREPLACE is unsupported it checks, then renames),
    // and two concurrent writers of one key were both seen to win. The disk store serves one node, so a lock in the
    // process makes the step atomic; the S3 store has the server's conditional write instead.
    private static readonly SemaphoreSlim[] MoveLocks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly string root;

    public DiskBlobStore(StorageOptions options)
    {
        root = Path.GetFullPath(options.Root);
    }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        var destination = PathFor(key);
        var directory = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(directory);
        // Fail before reading a possibly large body when the key is obviously taken; the rename below still decides races.
        if (File.Exists(destination)) throw new BlobAlreadyExistsException(key);

        var temp = Path.Combine(directory, $"{TempMarker}{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 0,
            }))
            {
                await content.CopyToAsync(file, 81920, ct);
                // Durable before it becomes visible: a crash after the rename must not expose a short file.
                file.Flush(flushToDisk: true);
            }

            var moveLock = MoveLocks[(StringComparer.Ordinal.GetHashCode(destination) & int.MaxValue) % MoveLocks.Length];
            await moveLock.WaitAsync(CancellationToken.None);
            try
            {
                if (File.Exists(destination)) throw new BlobAlreadyExistsException(key);
                File.Move(temp, destination, overwrite: false);
            }
            catch (IOException) when (File.Exists(destination))
            {
                throw new BlobAlreadyExistsException(key);
            }
            finally
            {
                moveLock.Release();
            }
        }
        finally
        {
            // Gone after a successful move; otherwise the failed or cancelled write is cleaned up here.
            File.Delete(temp);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathFor(key);
        try
        {
            Stream stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                // A delete may proceed while a download is streaming; the reader keeps its bytes.
                Share = FileShare.Read | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            });
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken ct) => Task.FromResult(File.Exists(PathFor(key)));

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathFor(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // The key's directory never existed: nothing to delete, which is success.
        }
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        BlobKeys.ValidatePrefix(prefix);
        // Walk only the deepest directory the prefix names fully ("originals/2026/ab" walks originals/2026).
        var slash = prefix.LastIndexOf('/');
        var start = slash < 0 ? root : Path.Combine(root, prefix[..slash]);
        if (!Directory.Exists(start)) yield break;

        var files = new DirectoryInfo(start).EnumerateFiles("*", new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = false,
            AttributesToSkip = FileAttributes.None,
        });
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            // Temporary files and anything a person dropped in by hand are not objects.
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || !BlobKeys.IsValid(key)) continue;
            yield return new BlobInfo(key, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
        }
        await Task.CompletedTask;
    }

    /// <summary>Always null: files are streamed by the API itself.</summary>
    public Task<Uri?> GetDownloadUrlAsync(string key, TimeSpan lifetime, string? downloadFileName, CancellationToken ct)
    {
        BlobKeys.Validate(key);
        return Task.FromResult<Uri?>(null);
    }

    public async Task CheckWritableAsync(CancellationToken ct)
    {
        var key = BlobKeys.ProbeKey();
        await PutAsync(key, new MemoryStream([1]), "application/octet-stream", ct);
        try
        {
            await using var read = await OpenReadAsync(key, ct) ?? throw new IOException("The probe object vanished after it was written.");
            if (read.ReadByte() != 1) throw new IOException("The probe object read back different bytes.");
        }
        finally
        {
            await DeleteAsync(key, ct);
        }
    }

    private string PathFor(string key)
    {
        BlobKeys.Validate(key);
        var path = Path.GetFullPath(Path.Combine(root, key));
        // Belt and braces behind the key rules: whatever the key, the file is inside the root.
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Blob key '{key}' resolves outside the store root.", nameof(key));
        return path;
    }
}

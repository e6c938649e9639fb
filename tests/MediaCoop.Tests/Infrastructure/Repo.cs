namespace MediaCoop.Tests.Infrastructure;

public static class Repo
{
    /// <summary>The repository root: the folder holding MediaCoop.sln above the test binaries.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MediaCoop.sln"))) return dir.FullName;
            throw new InvalidOperationException("MediaCoop.sln not found above " + AppContext.BaseDirectory);
        }
    }
}

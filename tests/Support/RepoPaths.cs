namespace Etl.TestSupport;

/// <summary>Locates the repository from a test's working directory (walks up to Etl.sln).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    /// <summary>tests/node_modules, installed by .ci/run (npm ci in tests/).</summary>
    public static string NodeModules => Path.Combine(Root, "tests", "node_modules");

    /// <summary>tests/tools: the Node scripts the tests drive (DuckDB queries, independent readers, servers).</summary>
    public static string Tools => Path.Combine(Root, "tests", "tools");

    /// <summary>The shared design and conformance folder that sits beside the repository.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        // The output folder first (the usual build), then the working directory, then the folder recorded at build time.
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Etl.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        var recorded = typeof(RepoPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "Etl.sln")))
        {
            return Path.GetFullPath(recorded);
        }

        throw new InvalidOperationException("Etl.sln not found above " + AppContext.BaseDirectory + " or the working directory");
    }
}

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
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Etl.sln")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        throw new InvalidOperationException("Etl.sln not found above " + AppContext.BaseDirectory);
    }
}

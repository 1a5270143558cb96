namespace Etl.Host.Pipelines;

/// <summary>Where local mode keeps things under the data root.</summary>
public sealed class LocalPaths(string dataRoot)
{
    /// <summary>The data root, absolute.</summary>
    public string Root { get; } = Path.GetFullPath(dataRoot);

    /// <summary>The object store root: holds <c>warehouse/</c> (tables) and <c>deadletter/</c>.</summary>
    public string Objects => Root;

    /// <summary>Glue-shaped table and partition documents.</summary>
    public string Catalog => Path.Combine(Root, "catalog");

    /// <summary>The folder schema registry.</summary>
    public string Registry => Path.Combine(Root, "registry");

    /// <summary>Checkpoints and commit intents.</summary>
    public string State => Path.Combine(Root, "state");
}

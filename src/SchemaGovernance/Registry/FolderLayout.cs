using System.Globalization;

namespace Etl.SchemaGovernance.Registry;

/// <summary>
/// Where things live under the registry root:
/// <c>registries/r-&lt;registry&gt;/registry.json</c>, <c>…/schemas/s-&lt;schema&gt;/schema.json</c>,
/// <c>…/versions/&lt;n&gt;.json</c>, <c>version-ids/&lt;uuid&gt;.json</c> and the lock file <c>registry.lock</c>.
/// Folder names carry a prefix so that names such as "." or ".." are ordinary folders; long names are hashed.
/// </summary>
internal sealed class FolderLayout(string root)
{
    private const int MaxPlainSegment = 160;

    public string Root { get; } = Path.GetFullPath(root);

    public string LockFile => Path.Combine(Root, "registry.lock");

    public string RegistriesFolder => Path.Combine(Root, "registries");

    public string RegistryFolder(string registry) => Path.Combine(RegistriesFolder, Segment("r-", registry));

    public string RegistryFile(string registry) => Path.Combine(RegistryFolder(registry), "registry.json");

    public string SchemasFolder(string registry) => Path.Combine(RegistryFolder(registry), "schemas");

    public string SchemaFolder(SchemaId id) => Path.Combine(SchemasFolder(id.RegistryName), Segment("s-", id.SchemaName));

    public string SchemaFile(SchemaId id) => Path.Combine(SchemaFolder(id), "schema.json");

    public string VersionsFolder(SchemaId id) => Path.Combine(SchemaFolder(id), "versions");

    public string VersionFile(SchemaId id, long number) =>
        Path.Combine(VersionsFolder(id), number.ToString(CultureInfo.InvariantCulture) + ".json");

    public string VersionIndexFile(Guid versionId) => Path.Combine(Root, "version-ids", versionId.ToString("D") + ".json");

    /// <summary>The version numbers that have a file, ascending.</summary>
    public List<long> VersionNumbers(SchemaId id)
    {
        var folder = VersionsFolder(id);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var numbers = new List<long>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                numbers.Add(number);
            }
        }

        numbers.Sort();
        return numbers;
    }

    /// <summary>The schema.json files of a registry's schemas.</summary>
    public IEnumerable<string> SchemaFiles(string registry)
    {
        var folder = SchemasFolder(registry);
        return Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder).Select(d => Path.Combine(d, "schema.json"))
            : [];
    }

    /// <summary>
    /// A folder name for a registry or schema name: the prefix and the name, or for names too long for a file system entry,
    /// "h-" and the SHA-256 of the name (the name itself is in the folder's JSON document).
    /// </summary>
    private static string Segment(string prefix, string name) =>
        name.Length <= MaxPlainSegment
            ? prefix + name
            : "h-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));
}

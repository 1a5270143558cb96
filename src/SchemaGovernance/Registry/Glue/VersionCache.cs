using System.Collections.Concurrent;

namespace Etl.SchemaGovernance.Registry.Glue;

/// <summary>
/// Settled versions (AVAILABLE or FAILURE) by id. A version's definition, number and status do not change once settled;
/// only a deletion ends it, and deletions through this process evict their entries. When full it starts over.
/// </summary>
internal sealed class VersionCache(int capacity)
{
    private readonly ConcurrentDictionary<Guid, SchemaVersionInfo> _versions = new();

    public bool TryGet(Guid id, out SchemaVersionInfo version) => _versions.TryGetValue(id, out version!);

    public void Add(SchemaVersionInfo version)
    {
        if (version.Status is not (SchemaVersionStatus.Available or SchemaVersionStatus.Failure))
        {
            return;
        }

        if (_versions.Count >= capacity)
        {
            _versions.Clear();
        }

        _versions[version.SchemaVersionId] = version;
    }

    /// <summary>Drops the schema's cached versions numbered in the range.</summary>
    public void Evict(SchemaId schema, long first, long last)
    {
        foreach (var (id, version) in _versions)
        {
            if (version.VersionNumber >= first && version.VersionNumber <= last
                && string.Equals(version.RegistryName, schema.RegistryName, StringComparison.Ordinal)
                && string.Equals(version.SchemaName, schema.SchemaName, StringComparison.Ordinal))
            {
                _versions.TryRemove(id, out _);
            }
        }
    }
}

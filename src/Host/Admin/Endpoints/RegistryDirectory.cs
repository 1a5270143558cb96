using Etl.SchemaGovernance.Registry;

namespace Etl.Host.Admin.Endpoints;

/// <summary>Lists the registries of the folder registry (the registry interface has no ListRegistries).</summary>
internal sealed class RegistryDirectory(string registryRoot)
{
    private readonly FolderLayout _layout = new(registryRoot);

    public async Task<IReadOnlyList<RegistryResponse>> ListAsync(CancellationToken token)
    {
        if (!Directory.Exists(_layout.RegistriesFolder))
        {
            return [];
        }

        var result = new List<RegistryResponse>();
        foreach (var folder in Directory.EnumerateDirectories(_layout.RegistriesFolder))
        {
            var stored = await StoredJson.ReadAsync<StoredRegistry>(Path.Combine(folder, "registry.json"), token);
            if (stored is not null)
            {
                result.Add(new RegistryResponse(stored.Name, stored.Description, stored.CreatedTime));
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }
}

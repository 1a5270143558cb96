using Etl.SchemaGovernance.Compatibility;

namespace Etl.SchemaGovernance.Registry;

/// <summary>
/// A schema registry kept in a folder (local mode), with Glue's semantics: versions numbered from 1 with UUID ids, AVAILABLE or
/// FAILURE after the compatibility check, a checkpoint, metadata pairs, idempotent registration by canonical JSON.
/// Every change is one atomic file rename (see <see cref="AtomicFile"/>), made while holding the folder's single-writer lock
/// (see <see cref="FolderLock"/>), so concurrent admin calls from threads or processes are serialised and a crash never
/// leaves a half-written document. Reads take no lock.
/// </summary>
public sealed partial class FolderSchemaRegistry : ISchemaRegistry, IDisposable
{
    /// <summary>How long a writer waits for the folder lock by default.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    private readonly FolderLayout _layout;
    private readonly FolderLock _lock;
    private readonly TimeProvider _timeProvider;
    private readonly Func<string, IPairwiseChecker> _checkerFor;
    private int _leftoversCleaned;

    /// <param name="rootPath">The registry folder; created if missing.</param>
    /// <param name="timeProvider">Clock for created/updated times.</param>
    /// <param name="checkerFor">The pairwise checker for a data format (<c>AVRO</c>/<c>JSON</c>); defaults to <see cref="PairwiseCheckerFactory"/> (STRICT JSON).</param>
    /// <param name="lockTimeout">How long a writer waits for the lock (default <see cref="DefaultLockTimeout"/>).</param>
    public FolderSchemaRegistry(string rootPath, TimeProvider timeProvider, Func<string, IPairwiseChecker>? checkerFor = null, TimeSpan? lockTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _layout = new FolderLayout(rootPath);
        Directory.CreateDirectory(_layout.Root);
        _timeProvider = timeProvider;
        _checkerFor = checkerFor ?? (format => PairwiseCheckerFactory.Create(format));
        _lock = new FolderLock(_layout.LockFile, lockTimeout ?? DefaultLockTimeout, timeProvider);
    }

    public async Task<RegistryInfo> CreateRegistryAsync(string registryName, string? description, CancellationToken cancellationToken)
    {
        SchemaRegistryLimits.ValidateName(registryName, "Registry name");
        SchemaRegistryLimits.ValidateDescription(description);
        await using var held = await WriteLockAsync(cancellationToken).ConfigureAwait(false);
        if (File.Exists(_layout.RegistryFile(registryName)))
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCode.AlreadyExists, $"Registry '{registryName}' already exists.");
        }

        return await WriteRegistryAsync(registryName, description, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CreateSchemaResult> CreateSchemaAsync(CreateSchemaRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = SchemaRegistryLimits.ValidateSchemaId(request.SchemaId);
        var format = SchemaRegistryLimits.NormalizeFormat(request.DataFormat);
        SchemaRegistryLimits.ValidateDescription(request.Description);
        SchemaRegistryLimits.ValidateDefinition(request.Definition);
        if (!Enum.IsDefined(request.Compatibility))
        {
            throw SchemaRegistryLimits.Invalid($"Unknown compatibility mode {request.Compatibility}.");
        }

        var hash = ValidateDefinition(format, request.Definition);
        await using var held = await WriteLockAsync(cancellationToken).ConfigureAwait(false);
        if (!File.Exists(_layout.RegistryFile(id.RegistryName)))
        {
            if (!string.Equals(id.RegistryName, SchemaRegistryLimits.DefaultRegistryName, StringComparison.Ordinal))
            {
                throw NotFound($"Registry '{id.RegistryName}' is not found.");
            }

            await WriteRegistryAsync(id.RegistryName, null, cancellationToken).ConfigureAwait(false);
        }

        if (File.Exists(_layout.SchemaFile(id)))
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCode.AlreadyExists, $"Schema '{id}' already exists.");
        }

        // schema.json is written last: a folder without it is what an interrupted create left behind.
        if (Directory.Exists(_layout.SchemaFolder(id)))
        {
            Directory.Delete(_layout.SchemaFolder(id), recursive: true);
        }

        var now = _timeProvider.GetUtcNow();
        var version = new StoredVersion
        {
            VersionNumber = 1,
            VersionId = Guid.NewGuid(),
            Status = StatusName(SchemaVersionStatus.Available),
            Definition = request.Definition,
            CanonicalHash = hash,
            CreatedTime = now,
        };
        await WriteVersionAsync(id, version, newVersion: true, cancellationToken).ConfigureAwait(false);
        var schema = new StoredSchema
        {
            Name = id.SchemaName,
            DataFormat = format,
            Compatibility = request.Compatibility.ToGlueName(),
            Description = request.Description,
            Checkpoint = 1,
            CreatedTime = now,
            UpdatedTime = now,
        };
        await AtomicFile.WriteAllTextAsync(_layout.SchemaFile(id), StoredJson.Serialize(schema), cancellationToken).ConfigureAwait(false);
        return new CreateSchemaResult(ToInfo(id, schema), version.VersionId, SchemaVersionStatus.Available);
    }

    public async Task<SchemaInfo> GetSchemaAsync(SchemaId schemaId, CancellationToken cancellationToken)
    {
        var id = SchemaRegistryLimits.ValidateSchemaId(schemaId);
        var schema = await LoadSchemaAsync(id, cancellationToken).ConfigureAwait(false);
        return ToInfo(id, schema);
    }

    public async Task<SchemaInfo> UpdateSchemaAsync(UpdateSchemaRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = SchemaRegistryLimits.ValidateSchemaId(request.SchemaId);
        SchemaRegistryLimits.ValidateDescription(request.Description);
        if (request.Compatibility is null && request.CheckpointVersion is null && request.Description is null)
        {
            throw SchemaRegistryLimits.Invalid("Nothing to update: give a compatibility mode with a checkpoint, a checkpoint, or a description.");
        }

        if (request.Compatibility is not null && request.CheckpointVersion is null)
        {
            throw SchemaRegistryLimits.Invalid("Changing the compatibility mode requires a checkpoint version number.");
        }

        if (request.Compatibility is { } mode && !Enum.IsDefined(mode))
        {
            throw SchemaRegistryLimits.Invalid($"Unknown compatibility mode {mode}.");
        }

        await using var held = await WriteLockAsync(cancellationToken).ConfigureAwait(false);
        var schema = await LoadSchemaAsync(id, cancellationToken).ConfigureAwait(false);
        if (request.CheckpointVersion is { } checkpoint)
        {
            SchemaRegistryLimits.ValidateVersionNumber(checkpoint, "Checkpoint version");
            var version = await StoredJson.ReadAsync<StoredVersion>(_layout.VersionFile(id, checkpoint), cancellationToken).ConfigureAwait(false);
            if (version is null || version.IsDeleted || version.Status != StatusName(SchemaVersionStatus.Available))
            {
                throw SchemaRegistryLimits.Invalid($"Checkpoint version {checkpoint} of schema '{id}' is not an AVAILABLE version.");
            }

            schema.Checkpoint = checkpoint;
        }

        if (request.Compatibility is { } newMode)
        {
            schema.Compatibility = newMode.ToGlueName();
        }

        if (request.Description is not null)
        {
            schema.Description = request.Description;
        }

        schema.UpdatedTime = _timeProvider.GetUtcNow();
        await AtomicFile.WriteAllTextAsync(_layout.SchemaFile(id), StoredJson.Serialize(schema), cancellationToken).ConfigureAwait(false);
        return ToInfo(id, schema);
    }

    public async Task<IReadOnlyList<SchemaInfo>> ListSchemasAsync(string registryName, CancellationToken cancellationToken)
    {
        SchemaRegistryLimits.ValidateName(registryName, "Registry name");
        if (!File.Exists(_layout.RegistryFile(registryName)))
        {
            throw NotFound($"Registry '{registryName}' is not found.");
        }

        var result = new List<SchemaInfo>();
        foreach (var file in _layout.SchemaFiles(registryName))
        {
            var schema = await StoredJson.ReadAsync<StoredSchema>(file, cancellationToken).ConfigureAwait(false);
            if (schema is not null)
            {
                result.Add(ToInfo(new SchemaId(registryName, schema.Name), schema));
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.SchemaName, b.SchemaName));
        return result;
    }

    public void Dispose() => _lock.Dispose();

    private async Task<IAsyncDisposable> WriteLockAsync(CancellationToken cancellationToken)
    {
        var held = await _lock.AcquireAsync(cancellationToken).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _leftoversCleaned, 1) == 0)
        {
            AtomicFile.DeleteLeftovers(_layout.Root);
        }

        return held;
    }

    private async Task<RegistryInfo> WriteRegistryAsync(string registryName, string? description, CancellationToken cancellationToken)
    {
        var registry = new StoredRegistry { Name = registryName, Description = description, CreatedTime = _timeProvider.GetUtcNow() };
        await AtomicFile.WriteAllTextAsync(_layout.RegistryFile(registryName), StoredJson.Serialize(registry), cancellationToken).ConfigureAwait(false);
        return new RegistryInfo(registry.Name, registry.Description, registry.CreatedTime);
    }

    private async Task<StoredSchema> LoadSchemaAsync(SchemaId id, CancellationToken cancellationToken) =>
        await StoredJson.ReadAsync<StoredSchema>(_layout.SchemaFile(id), cancellationToken).ConfigureAwait(false)
        ?? throw NotFound($"Schema is not found. Schema '{id}' does not exist.");

    private SchemaInfo ToInfo(SchemaId id, StoredSchema schema)
    {
        var numbers = _layout.VersionNumbers(id);
        var highest = numbers.Count == 0 ? 0 : numbers[^1];
        CompatibilityModes.TryParse(schema.Compatibility, out var mode);
        return new SchemaInfo(id.RegistryName, schema.Name, schema.DataFormat, mode, schema.Description, schema.Checkpoint,
            highest, highest + 1, schema.CreatedTime, schema.UpdatedTime);
    }

    /// <summary>Parses the definition with the format's checker and returns its canonical hash.</summary>
    private string ValidateDefinition(string format, string definition)
    {
        IPairwiseChecker checker;
        try
        {
            checker = _checkerFor(format);
        }
        catch (NotSupportedException e)
        {
            throw SchemaRegistryLimits.Invalid(e.Message);
        }

        try
        {
            checker.Validate(definition);
            return CanonicalJson.Hash(definition);
        }
        catch (SchemaDefinitionException e)
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCode.InvalidInput, "Invalid schema definition: " + e.Message, e);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCode.InvalidInput, "Invalid schema definition: " + e.Message, e);
        }
    }

    private static SchemaRegistryException NotFound(string message) => new(SchemaRegistryErrorCode.EntityNotFound, message);
}

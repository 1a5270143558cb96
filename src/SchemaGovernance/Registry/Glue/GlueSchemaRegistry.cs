using System.Text.Json.Nodes;
using Etl.Aws;
using Etl.SchemaGovernance.Compatibility;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.SchemaGovernance.Registry.Glue;

/// <summary>
/// <see cref="ISchemaRegistry"/> over the AWS Glue Schema Registry (AWS JSON 1.1, target prefix <c>AWSGlue</c>).
/// Glue's exceptions the caller can act on become <see cref="SchemaRegistryException"/> (see <see cref="GlueErrors"/>);
/// throttling, 5xx and transport failures are retried by <see cref="AwsJsonClient"/> and then surface as
/// <see cref="AwsServiceException"/> for the caller to retry or report. A registration Glue answers with PENDING is polled
/// until it settles; a FAILURE is explained by running <see cref="CompatibilityEngine"/> locally, since Glue gives no reason.
/// Settled versions read by id are cached. Thread-safe.
/// </summary>
public sealed partial class GlueSchemaRegistry : ISchemaRegistry
{
    /// <summary>Issue kind reported when Glue refused a version for which the local checker finds no issue.</summary>
    public const string UnexplainedFailureKind = "GLUE_REJECTED";

    private readonly AwsJsonClient _client;
    private readonly GlueSchemaRegistryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Func<string, IPairwiseChecker> _checkerFor;
    private readonly VersionCache _cache;
    private readonly ILogger _logger;

    /// <param name="client">A client for Glue (see <see cref="AwsServiceEndpoint.Glue"/>).</param>
    /// <param name="options">Polling, paging and cache settings; default <see cref="GlueSchemaRegistryOptions"/>.</param>
    /// <param name="timeProvider">Clock for the polling waits; default the system clock.</param>
    /// <param name="checkerFor">The pairwise checker for a data format; defaults to <see cref="PairwiseCheckerFactory"/>.</param>
    /// <param name="logger">Where polling and FAILURE events go; default none.</param>
    public GlueSchemaRegistry(AwsJsonClient client, GlueSchemaRegistryOptions? options = null, TimeProvider? timeProvider = null,
        Func<string, IPairwiseChecker>? checkerFor = null, ILogger<GlueSchemaRegistry>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new GlueSchemaRegistryOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _checkerFor = checkerFor ?? (format => PairwiseCheckerFactory.Create(format));
        _cache = new VersionCache(_options.VersionCacheCapacity);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task<RegistryInfo> CreateRegistryAsync(string registryName, string? description, CancellationToken cancellationToken)
    {
        SchemaRegistryLimits.ValidateName(registryName, "Registry name");
        SchemaRegistryLimits.ValidateDescription(description);
        var request = new JsonObject { ["RegistryName"] = registryName };
        if (description is not null)
        {
            request["Description"] = description;
        }

        await SendAsync("CreateRegistry", request, cancellationToken).ConfigureAwait(false);
        var registry = await SendAsync("GetRegistry", new JsonObject { ["RegistryId"] = new JsonObject { ["RegistryName"] = registryName } },
            cancellationToken).ConfigureAwait(false);
        return new RegistryInfo(registryName, GlueWire.OptionalString(registry, "Description") is { Length: > 0 } d ? d : null,
            GlueWire.Time(registry, "CreatedTime"));
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

        ValidateDefinition(format, request.Definition);
        var body = new JsonObject
        {
            ["SchemaName"] = id.SchemaName,
            ["DataFormat"] = format,
            ["Compatibility"] = request.Compatibility.ToGlueName(),
            ["SchemaDefinition"] = request.Definition,
        };
        if (!string.Equals(id.RegistryName, SchemaRegistryLimits.DefaultRegistryName, StringComparison.Ordinal))
        {
            // Without RegistryId Glue uses (and creates) the default registry.
            body["RegistryId"] = new JsonObject { ["RegistryName"] = id.RegistryName };
        }

        if (request.Description is not null)
        {
            body["Description"] = request.Description;
        }

        var created = await SendAsync("CreateSchema", body, cancellationToken).ConfigureAwait(false);
        var versionId = GlueWire.Guid(created, "SchemaVersionId");
        var status = GlueWire.Status(GlueWire.OptionalString(created, "SchemaVersionStatus") ?? "AVAILABLE");
        var schema = await GetSchemaAsync(id, cancellationToken).ConfigureAwait(false);
        return new CreateSchemaResult(schema, versionId, status);
    }

    public async Task<SchemaInfo> GetSchemaAsync(SchemaId schemaId, CancellationToken cancellationToken)
    {
        var id = SchemaRegistryLimits.ValidateSchemaId(schemaId);
        var response = await SendAsync("GetSchema", new JsonObject { ["SchemaId"] = GlueWire.SchemaId(id) }, cancellationToken).ConfigureAwait(false);
        return GlueWire.Schema(response);
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

        var body = new JsonObject { ["SchemaId"] = GlueWire.SchemaId(id) };
        if (request.Compatibility is { } mode)
        {
            if (!Enum.IsDefined(mode))
            {
                throw SchemaRegistryLimits.Invalid($"Unknown compatibility mode {mode}.");
            }

            body["Compatibility"] = mode.ToGlueName();
        }

        if (request.CheckpointVersion is { } checkpoint)
        {
            SchemaRegistryLimits.ValidateVersionNumber(checkpoint, "Checkpoint version");
            body["SchemaVersionNumber"] = GlueWire.VersionNumber(checkpoint);
        }

        if (request.Description is not null)
        {
            body["Description"] = request.Description;
        }

        await SendAsync("UpdateSchema", body, cancellationToken).ConfigureAwait(false);
        return await GetSchemaAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SchemaInfo>> ListSchemasAsync(string registryName, CancellationToken cancellationToken)
    {
        SchemaRegistryLimits.ValidateName(registryName, "Registry name");
        var names = new List<string>();
        await foreach (var item in PagesAsync("ListSchemas", new JsonObject { ["RegistryId"] = new JsonObject { ["RegistryName"] = registryName } },
            "Schemas", cancellationToken).ConfigureAwait(false))
        {
            names.Add(GlueWire.String(item, "SchemaName"));
        }

        var result = new List<SchemaInfo>(names.Count);
        foreach (var name in names)
        {
            try
            {
                result.Add(await GetSchemaAsync(new SchemaId(registryName, name), cancellationToken).ConfigureAwait(false));
            }
            catch (SchemaRegistryException e) when (e.Code == SchemaRegistryErrorCode.EntityNotFound)
            {
                // Deleted between the listing and the read.
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.SchemaName, b.SchemaName));
        return result;
    }

    /// <summary>Sends one Glue call, turning Glue's actionable exceptions into <see cref="SchemaRegistryException"/>.</summary>
    private async Task<JsonNode> SendAsync(string operation, JsonObject request, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.SendAsync(operation, request, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (GlueErrors.Map(e) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>Every item of a paged Glue listing, following NextToken.</summary>
    private async IAsyncEnumerable<JsonNode> PagesAsync(string operation, JsonObject request, string member,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = (JsonObject)request.DeepClone();
            page["MaxResults"] = _options.PageSize;
            if (token is not null)
            {
                page["NextToken"] = token;
            }

            var response = await SendAsync(operation, page, cancellationToken).ConfigureAwait(false);
            foreach (var item in response[member]?.AsArray() ?? [])
            {
                if (item is not null)
                {
                    yield return item;
                }
            }

            token = GlueWire.OptionalString(response, "NextToken");
        }
        while (!string.IsNullOrEmpty(token));
    }

    /// <summary>Parses the definition with the format's checker, so a bad definition fails here with the checker's reason.</summary>
    private void ValidateDefinition(string format, string definition)
    {
        try
        {
            _checkerFor(format).Validate(definition);
        }
        catch (NotSupportedException e)
        {
            throw SchemaRegistryLimits.Invalid(e.Message);
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
}

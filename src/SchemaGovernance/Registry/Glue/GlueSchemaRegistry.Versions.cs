using System.Globalization;
using System.Text.Json.Nodes;
using Etl.Core.Telemetry;
using Etl.SchemaGovernance.Compatibility;

namespace Etl.SchemaGovernance.Registry.Glue;

/// <summary>Registering, reading, listing and deleting versions; polling PENDING versions; explaining FAILURE ones.</summary>
public sealed partial class GlueSchemaRegistry
{
    public async Task<RegisterSchemaVersionResult> RegisterSchemaVersionAsync(SchemaId schemaId, string definition, CancellationToken cancellationToken)
    {
        var id = SchemaRegistryLimits.ValidateSchemaId(schemaId);
        SchemaRegistryLimits.ValidateDefinition(definition);
        var response = await SendAsync("RegisterSchemaVersion",
            new JsonObject { ["SchemaId"] = GlueWire.SchemaId(id), ["SchemaDefinition"] = definition }, cancellationToken).ConfigureAwait(false);
        var versionId = GlueWire.Guid(response, "SchemaVersionId");
        var number = GlueWire.Long(response, "VersionNumber");
        var status = GlueWire.Status(GlueWire.OptionalString(response, "Status"));
        if (status == SchemaVersionStatus.Available)
        {
            return new RegisterSchemaVersionResult(versionId, number, status, []);
        }

        // PENDING is polled; a FAILURE is read back by id, which explains it (and caches the explanation).
        var version = status == SchemaVersionStatus.Pending
            ? await PollWhilePendingAsync(id, versionId, cancellationToken).ConfigureAwait(false)
            : await GetVersionByIdAsync(versionId, cancellationToken).ConfigureAwait(false);
        return new RegisterSchemaVersionResult(versionId, number, version.Status, version.Issues);
    }

    public Task<SchemaVersionInfo> GetSchemaVersionAsync(SchemaVersionReference version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.VersionId is { } versionId)
        {
            return GetVersionByIdAsync(versionId, cancellationToken);
        }

        var id = SchemaRegistryLimits.ValidateSchemaId(version.Schema);
        var request = new JsonObject { ["SchemaId"] = GlueWire.SchemaId(id) };
        if (version.VersionNumber is { } number)
        {
            SchemaRegistryLimits.ValidateVersionNumber(number, "Version number");
            request["SchemaVersionNumber"] = GlueWire.VersionNumber(number);
        }
        else
        {
            request["SchemaVersionNumber"] = GlueWire.LatestVersion();
        }

        return FetchVersionAsync(request, cancellationToken);
    }

    public async Task<SchemaVersionInfo> GetSchemaByDefinitionAsync(SchemaId schemaId, string definition, CancellationToken cancellationToken)
    {
        var id = SchemaRegistryLimits.ValidateSchemaId(schemaId);
        SchemaRegistryLimits.ValidateDefinition(definition);
        var response = await SendAsync("GetSchemaByDefinition",
            new JsonObject { ["SchemaId"] = GlueWire.SchemaId(id), ["SchemaDefinition"] = definition }, cancellationToken).ConfigureAwait(false);
        return await GetVersionByIdAsync(GlueWire.Guid(response, "SchemaVersionId"), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SchemaVersionInfo>> ListSchemaVersionsAsync(SchemaId schemaId, CancellationToken cancellationToken)
    {
        var id = SchemaRegistryLimits.ValidateSchemaId(schemaId);
        var result = new List<SchemaVersionInfo>();
        foreach (var (versionId, _, status) in await ListVersionItemsAsync(id, cancellationToken).ConfigureAwait(false))
        {
            if (status == SchemaVersionStatus.Deleting)
            {
                continue;
            }

            try
            {
                result.Add(await GetVersionByIdAsync(versionId, cancellationToken).ConfigureAwait(false));
            }
            catch (SchemaRegistryException e) when (e.Code == SchemaRegistryErrorCode.EntityNotFound)
            {
                // Deleted between the listing and the read.
            }
        }

        result.Sort((a, b) => b.VersionNumber.CompareTo(a.VersionNumber));
        return result;
    }

    public async Task<IReadOnlyList<SchemaVersionDeleteError>> DeleteSchemaVersionsAsync(SchemaId schemaId, string versions, CancellationToken cancellationToken)
    {
        var id = SchemaRegistryLimits.ValidateSchemaId(schemaId);
        var (first, last) = ParseRange(versions);
        try
        {
            var response = await SendAsync("DeleteSchemaVersions",
                new JsonObject { ["SchemaId"] = GlueWire.SchemaId(id), ["Versions"] = versions }, cancellationToken).ConfigureAwait(false);
            var errors = new List<SchemaVersionDeleteError>();
            foreach (var error in response["SchemaVersionErrors"]?.AsArray() ?? [])
            {
                var details = error?["ErrorDetails"];
                errors.Add(new SchemaVersionDeleteError(GlueWire.Long(error, "VersionNumber"),
                    GlueWire.OptionalString(details, "ErrorCode") ?? "UnknownError", GlueWire.OptionalString(details, "ErrorMessage") ?? string.Empty));
            }

            errors.Sort((a, b) => a.VersionNumber.CompareTo(b.VersionNumber));
            return errors;
        }
        finally
        {
            _cache.Evict(id, first, last);
        }
    }

    /// <summary>A version by id: from the cache when settled, otherwise from Glue.</summary>
    private async Task<SchemaVersionInfo> GetVersionByIdAsync(Guid versionId, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(versionId, out var cached))
        {
            return cached;
        }

        return await FetchVersionAsync(new JsonObject { ["SchemaVersionId"] = versionId.ToString() }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a version from Glue, explains it when it is a FAILURE, and caches it when settled.</summary>
    private async Task<SchemaVersionInfo> FetchVersionAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var response = await SendAsync("GetSchemaVersion", request, cancellationToken).ConfigureAwait(false);
        var schema = GlueWire.SchemaFromArn(GlueWire.String(response, "SchemaArn"));
        var status = GlueWire.Status(GlueWire.OptionalString(response, "Status"));
        var number = GlueWire.Long(response, "VersionNumber");
        var definition = GlueWire.OptionalString(response, "SchemaDefinition") ?? string.Empty;
        var format = GlueWire.OptionalString(response, "DataFormat") ?? string.Empty;
        IReadOnlyList<CompatibilityIssue> issues = status == SchemaVersionStatus.Failure
            ? await ExplainFailureAsync(schema, format, number, definition, cancellationToken).ConfigureAwait(false)
            : [];
        var version = new SchemaVersionInfo(schema.RegistryName, schema.SchemaName, GlueWire.Guid(response, "SchemaVersionId"), number, status,
            format, definition, GlueWire.Time(response, "CreatedTime"), issues);
        _cache.Add(version);
        return version;
    }

    /// <summary>Re-reads a PENDING version with doubling waits until it settles or <see cref="GlueSchemaRegistryOptions.PollTimeout"/> passes.</summary>
    private async Task<SchemaVersionInfo> PollWhilePendingAsync(SchemaId schema, Guid versionId, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var delay = _options.PollInitialDelay;
        for (var reads = 1; ; reads++)
        {
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            var version = await FetchVersionAsync(new JsonObject { ["SchemaVersionId"] = versionId.ToString() }, cancellationToken).ConfigureAwait(false);
            if (version.Status != SchemaVersionStatus.Pending)
            {
                return version;
            }

            if (_timeProvider.GetElapsedTime(started) >= _options.PollTimeout)
            {
                LogMessages.GluePollTimedOut(_logger, versionId, schema.ToString(), _options.PollTimeout.TotalMilliseconds);
                return version;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.PollMaxDelay.Ticks));
            LogMessages.GlueVersionStillPending(_logger, versionId, schema.ToString(), reads, delay.TotalMilliseconds);
        }
    }

    /// <summary>
    /// Glue gives no reason for a FAILURE: check the definition locally against the AVAILABLE versions numbered below it,
    /// under the schema's current mode and checkpoint.
    /// </summary>
    private async Task<IReadOnlyList<CompatibilityIssue>> ExplainFailureAsync(SchemaId schemaId, string format, long number, string definition,
        CancellationToken cancellationToken)
    {
        var schema = await GetSchemaAsync(schemaId, cancellationToken).ConfigureAwait(false);
        var history = new List<SchemaVersionDefinition>();
        foreach (var (versionId, versionNumber, status) in await ListVersionItemsAsync(schemaId, cancellationToken).ConfigureAwait(false))
        {
            if (status == SchemaVersionStatus.Available && versionNumber < number)
            {
                var earlier = await GetVersionByIdAsync(versionId, cancellationToken).ConfigureAwait(false);
                history.Add(new SchemaVersionDefinition(earlier.VersionNumber, earlier.Definition));
            }
        }

        var latest = history.Count == 0 ? 0 : history.Max(v => v.VersionNumber);
        try
        {
            var report = new CompatibilityEngine(_checkerFor(string.IsNullOrEmpty(format) ? schema.DataFormat : format))
                .Check(schema.Compatibility, definition, history, schema.SchemaCheckpoint);
            if (!report.IsCompatible)
            {
                LogMessages.GlueVersionFailed(_logger, number, schemaId.ToString(), schema.Compatibility.ToGlueName(), report.Issues.Count);
                return report.Issues;
            }
        }
        catch (Exception e) when (e is SchemaDefinitionException or NotSupportedException or System.Text.Json.JsonException)
        {
            return [Unexplained(schemaId, number, latest, schema.Compatibility, "the local checker could not evaluate it: " + e.Message)];
        }

        return [Unexplained(schemaId, number, latest, schema.Compatibility, "the local checker finds no incompatibility under the current mode and checkpoint.")];
    }

    private CompatibilityIssue Unexplained(SchemaId schema, long number, long against, CompatibilityMode mode, string reason)
    {
        LogMessages.GlueFailureUnexplained(_logger, number, schema.ToString(), mode.ToGlueName(), reason);
        return new(against, "#", UnexplainedFailureKind, $"Glue refused this version under {mode.ToGlueName()}; {reason}", CompatibilityDirection.None);
    }

    /// <summary>The schema's listed versions (id, number, status), all pages.</summary>
    private async Task<List<(Guid Id, long Number, SchemaVersionStatus Status)>> ListVersionItemsAsync(SchemaId id, CancellationToken cancellationToken)
    {
        var items = new List<(Guid, long, SchemaVersionStatus)>();
        await foreach (var item in PagesAsync("ListSchemaVersions", new JsonObject { ["SchemaId"] = GlueWire.SchemaId(id) }, "Schemas", cancellationToken)
            .ConfigureAwait(false))
        {
            items.Add((GlueWire.Guid(item, "SchemaVersionId"), GlueWire.Long(item, "VersionNumber"), GlueWire.Status(GlueWire.OptionalString(item, "Status"))));
        }

        return items;
    }

    private static (long First, long Last) ParseRange(string? versions)
    {
        var parts = (versions ?? string.Empty).Split('-');
        long first = 0;
        var last = 0L;
        var valid = parts.Length is 1 or 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && (parts.Length == 1 ? (last = first) > 0 : long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out last));
        if (!valid || first < 1 || last < first || last > SchemaRegistryLimits.MaxVersionNumber)
        {
            throw SchemaRegistryLimits.Invalid($"Versions '{versions}' must be a number or a range such as 5-8 within 1..{SchemaRegistryLimits.MaxVersionNumber}.");
        }

        return (first, last);
    }
}

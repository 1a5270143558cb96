using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Etl.Aws;

namespace Etl.Catalog.Glue;

/// <summary>
/// The Glue Data Catalog operations the pipeline uses, over <see cref="AwsJsonClient"/>. Documents are Glue-shaped
/// <see cref="JsonObject"/>s (see <see cref="Shape.TableDocument"/>). Missing entities come back as null; other service
/// errors surface as <see cref="AwsServiceException"/> after the client's retries.
/// </summary>
public sealed class GlueClient
{
    /// <summary>Most partitions Glue accepts in one BatchCreatePartition or BatchUpdatePartition call.</summary>
    public const int MaxBatch = 100;

    private readonly AwsJsonClient _client;
    private readonly string? _catalogId;

    /// <param name="client">A client for the Glue endpoint (<see cref="AwsServiceEndpoint.Glue"/>).</param>
    /// <param name="catalogId">The Data Catalog (account) id; null for the caller's account.</param>
    public GlueClient(AwsJsonClient client, string? catalogId = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _catalogId = catalogId;
    }

    public async Task<JsonObject?> GetDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        var response = await SendOrNullAsync("GetDatabase", Request(new JsonObject { ["Name"] = name }), cancellationToken);
        return response?["Database"] as JsonObject;
    }

    /// <summary>Creates the database; returns false if it already exists.</summary>
    public async Task<bool> CreateDatabaseAsync(string name, string? description, CancellationToken cancellationToken)
    {
        var input = new JsonObject { ["Name"] = name };
        if (description is not null)
        {
            input["Description"] = description;
        }

        try
        {
            await _client.SendAsync("CreateDatabase", Request(new JsonObject { ["DatabaseInput"] = input }), cancellationToken);
            return true;
        }
        catch (AwsServiceException e) when (e.ErrorCode == GlueErrorCodes.AlreadyExists)
        {
            return false;
        }
    }

    /// <summary>Returns the table (Glue <c>Table</c> shape, with VersionId), or null if it or its database does not exist.</summary>
    public async Task<JsonObject?> GetTableAsync(string database, string name, CancellationToken cancellationToken)
    {
        var response = await SendOrNullAsync("GetTable", Request(new JsonObject { ["DatabaseName"] = database, ["Name"] = name }), cancellationToken);
        return response?["Table"] as JsonObject;
    }

    /// <summary>Creates the table; returns false if it already exists.</summary>
    public async Task<bool> CreateTableAsync(string database, JsonObject tableInput, CancellationToken cancellationToken)
    {
        try
        {
            await _client.SendAsync("CreateTable", Request(new JsonObject { ["DatabaseName"] = database, ["TableInput"] = tableInput.DeepClone() }), cancellationToken);
            return true;
        }
        catch (AwsServiceException e) when (e.ErrorCode == GlueErrorCodes.AlreadyExists)
        {
            return false;
        }
    }

    /// <summary>
    /// Replaces the table definition. With <paramref name="versionId"/> the update applies only if the table is still
    /// at that version; otherwise Glue answers ConcurrentModificationException (thrown as <see cref="AwsServiceException"/>).
    /// </summary>
    public Task UpdateTableAsync(string database, JsonObject tableInput, string? versionId, bool skipArchive, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["DatabaseName"] = database, ["TableInput"] = tableInput.DeepClone() };
        if (versionId is not null)
        {
            body["VersionId"] = versionId;
        }

        if (skipArchive)
        {
            body["SkipArchive"] = true;
        }

        return _client.SendAsync("UpdateTable", Request(body), cancellationToken);
    }

    /// <summary>Returns the partition (Glue <c>Partition</c> shape), or null if it, its table or its database does not exist.</summary>
    public async Task<JsonObject?> GetPartitionAsync(string database, string table, IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        var response = await SendOrNullAsync(
            "GetPartition",
            Request(new JsonObject { ["DatabaseName"] = database, ["TableName"] = table, ["PartitionValues"] = Strings(values) }),
            cancellationToken);
        return response?["Partition"] as JsonObject;
    }

    /// <summary>Creates partitions in calls of at most <see cref="MaxBatch"/>; returns the per-item errors.</summary>
    public async Task<IReadOnlyList<GluePartitionError>> BatchCreatePartitionAsync(
        string database, string table, IReadOnlyList<JsonObject> partitionInputs, CancellationToken cancellationToken)
    {
        var errors = new List<GluePartitionError>();
        foreach (var chunk in partitionInputs.Chunk(MaxBatch))
        {
            var list = new JsonArray();
            foreach (var p in chunk)
            {
                list.Add(p.DeepClone());
            }

            var response = await _client.SendAsync(
                "BatchCreatePartition",
                Request(new JsonObject { ["DatabaseName"] = database, ["TableName"] = table, ["PartitionInputList"] = list }),
                cancellationToken);
            ReadErrors(response["Errors"] as JsonArray, "PartitionValues", errors);
        }

        return errors;
    }

    /// <summary>Replaces partitions (each identified by its current values) in calls of at most <see cref="MaxBatch"/>; returns the per-item errors.</summary>
    public async Task<IReadOnlyList<GluePartitionError>> BatchUpdatePartitionAsync(
        string database, string table, IReadOnlyList<(IReadOnlyList<string> Values, JsonObject PartitionInput)> entries, CancellationToken cancellationToken)
    {
        var errors = new List<GluePartitionError>();
        foreach (var chunk in entries.Chunk(MaxBatch))
        {
            var list = new JsonArray();
            foreach (var (values, input) in chunk)
            {
                list.Add(new JsonObject { ["PartitionValueList"] = Strings(values), ["PartitionInput"] = input.DeepClone() });
            }

            var response = await _client.SendAsync(
                "BatchUpdatePartition",
                Request(new JsonObject { ["DatabaseName"] = database, ["TableName"] = table, ["Entries"] = list }),
                cancellationToken);
            ReadErrors(response["Errors"] as JsonArray, "PartitionValueList", errors);
        }

        return errors;
    }

    /// <summary>Lists partitions (Glue <c>Partition</c> shape), following NextToken; <paramref name="expression"/> filters on partition keys.</summary>
    public async IAsyncEnumerable<JsonObject> GetPartitionsAsync(
        string database,
        string table,
        string? expression,
        int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        string? token = null;
        do
        {
            var body = new JsonObject { ["DatabaseName"] = database, ["TableName"] = table, ["MaxResults"] = pageSize };
            if (!string.IsNullOrWhiteSpace(expression))
            {
                body["Expression"] = expression;
            }

            if (token is not null)
            {
                body["NextToken"] = token;
            }

            var response = await _client.SendAsync("GetPartitions", Request(body), cancellationToken);
            if (response["Partitions"] is JsonArray partitions)
            {
                foreach (var p in partitions)
                {
                    if (p is JsonObject partition)
                    {
                        yield return partition;
                    }
                }
            }

            token = (string?)response["NextToken"];
        }
        while (!string.IsNullOrEmpty(token));
    }

    private async Task<JsonNode?> SendOrNullAsync(string operation, JsonObject body, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.SendAsync(operation, body, cancellationToken);
        }
        catch (AwsServiceException e) when (e.ErrorCode == GlueErrorCodes.EntityNotFound)
        {
            return null;
        }
    }

    private JsonObject Request(JsonObject body)
    {
        if (_catalogId is not null)
        {
            body["CatalogId"] = _catalogId;
        }

        return body;
    }

    private static JsonArray Strings(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var v in values)
        {
            array.Add(v);
        }

        return array;
    }

    private static void ReadErrors(JsonArray? items, string valuesMember, List<GluePartitionError> into)
    {
        if (items is null)
        {
            return;
        }

        foreach (var item in items)
        {
            var values = (item?[valuesMember] as JsonArray)?.Select(v => (string?)v ?? string.Empty).ToArray() ?? [];
            var detail = item?["ErrorDetail"];
            into.Add(new GluePartitionError(values, (string?)detail?["ErrorCode"] ?? "Unknown", (string?)detail?["ErrorMessage"] ?? string.Empty));
        }
    }
}

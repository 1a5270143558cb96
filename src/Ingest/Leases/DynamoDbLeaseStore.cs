using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Etl.Ingest.Leases;

/// <summary>
/// The KCL 2.x lease table in DynamoDB (hash key <c>leaseKey</c>, on-demand billing). Writes are UpdateItem calls
/// conditional on <c>leaseCounter</c>, so attributes written by other tools survive; a failed condition returns
/// false/null. Throttling and 5xx are retried by the SDK; other faults throw <see cref="AmazonDynamoDBException"/>.
/// </summary>
public sealed class DynamoDbLeaseStore : ILeaseStore
{
    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;
    private readonly TimeProvider _time;

    public DynamoDbLeaseStore(IAmazonDynamoDB dynamo, string tableName, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        _dynamo = dynamo;
        _table = tableName;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The table name.</summary>
    public string TableName => _table;

    /// <summary>How long <see cref="EnsureCreatedAsync"/> waits for the table to become ACTIVE. Default 2 minutes.</summary>
    public TimeSpan CreateTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _dynamo.CreateTableAsync(
                new CreateTableRequest
                {
                    TableName = _table,
                    KeySchema = [new KeySchemaElement(LeaseAttributes.LeaseKey, KeyType.HASH)],
                    AttributeDefinitions = [new AttributeDefinition(LeaseAttributes.LeaseKey, ScalarAttributeType.S)],
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            // Exists already (created by another worker or by KCL tooling).
        }

        var started = _time.GetTimestamp();
        while (true)
        {
            var d = await _dynamo.DescribeTableAsync(_table, cancellationToken).ConfigureAwait(false);
            if (d.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            if (_time.GetElapsedTime(started) > CreateTimeout)
            {
                throw new TimeoutException($"lease table {_table} is {d.Table.TableStatus}, not ACTIVE, after {CreateTimeout}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<LeaseState>> ListAsync(CancellationToken cancellationToken)
    {
        var leases = new List<LeaseState>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await _dynamo.ScanAsync(
                new ScanRequest { TableName = _table, ConsistentRead = true, ExclusiveStartKey = start },
                cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                leases.Add(LeaseItemMapper.FromItem(item));
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return leases;
    }

    public async Task<LeaseState?> GetAsync(string leaseKey, CancellationToken cancellationToken)
    {
        var response = await _dynamo.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = Key(leaseKey), ConsistentRead = true },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? LeaseItemMapper.FromItem(item) : null;
    }

    public async Task<bool> CreateIfAbsentAsync(LeaseState lease, CancellationToken cancellationToken)
    {
        try
        {
            await _dynamo.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _table,
                    Item = LeaseItemMapper.ToItem(lease),
                    ConditionExpression = "attribute_not_exists(#k)",
                    ExpressionAttributeNames = new() { ["#k"] = LeaseAttributes.LeaseKey },
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<LeaseState?> UpdateAsync(LeaseState expected, LeaseState updated, CancellationToken cancellationToken)
    {
        var written = updated with { LeaseKey = expected.LeaseKey, Counter = expected.Counter + 1 };
        var (expression, names, values) = LeaseItemMapper.UpdateExpression(written);
        names["#c"] = LeaseAttributes.LeaseCounter;
        values[":expected"] = new AttributeValue { N = expected.Counter.ToString(CultureInfo.InvariantCulture) };
        try
        {
            await _dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = Key(expected.LeaseKey),
                    UpdateExpression = expression,
                    ConditionExpression = "#c = :expected",
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values,
                },
                cancellationToken).ConfigureAwait(false);
            return written;
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(LeaseState expected, CancellationToken cancellationToken)
    {
        try
        {
            await _dynamo.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = _table,
                    Key = Key(expected.LeaseKey),
                    ConditionExpression = "#c = :expected",
                    ExpressionAttributeNames = new() { ["#c"] = LeaseAttributes.LeaseCounter },
                    ExpressionAttributeValues = new() { [":expected"] = new AttributeValue { N = expected.Counter.ToString(CultureInfo.InvariantCulture) } },
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static Dictionary<string, AttributeValue> Key(string leaseKey) =>
        new() { [LeaseAttributes.LeaseKey] = new AttributeValue { S = leaseKey } };
}

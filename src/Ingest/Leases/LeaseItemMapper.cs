using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace Etl.Ingest.Leases;

/// <summary>Maps <see cref="LeaseState"/> to and from DynamoDB items in the KCL 2.x layout.</summary>
internal static class LeaseItemMapper
{
    public static Dictionary<string, AttributeValue> ToItem(LeaseState l)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [LeaseAttributes.LeaseKey] = S(l.LeaseKey),
            [LeaseAttributes.LeaseCounter] = N(l.Counter),
            [LeaseAttributes.Checkpoint] = S(l.Checkpoint),
            [LeaseAttributes.CheckpointSubSequenceNumber] = N(l.CheckpointSubSequenceNumber),
            [LeaseAttributes.OwnerSwitchesSinceCheckpoint] = N(l.OwnerSwitchesSinceCheckpoint),
        };
        foreach (var (name, value) in Optional(l))
        {
            if (value is not null)
            {
                item[name] = value;
            }
        }

        return item;
    }

    /// <summary>SET of every present attribute and REMOVE of every absent optional one (except the key).</summary>
    public static (string Expression, Dictionary<string, string> Names, Dictionary<string, AttributeValue> Values) UpdateExpression(LeaseState l)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        var sets = new List<string>();
        var removes = new List<string>();
        var i = 0;
        void Set(string name, AttributeValue value)
        {
            names["#a" + i] = name;
            values[":v" + i] = value;
            sets.Add($"#a{i} = :v{i}");
            i++;
        }

        Set(LeaseAttributes.LeaseCounter, N(l.Counter));
        Set(LeaseAttributes.Checkpoint, S(l.Checkpoint));
        Set(LeaseAttributes.CheckpointSubSequenceNumber, N(l.CheckpointSubSequenceNumber));
        Set(LeaseAttributes.OwnerSwitchesSinceCheckpoint, N(l.OwnerSwitchesSinceCheckpoint));
        foreach (var (name, value) in Optional(l))
        {
            if (value is not null)
            {
                Set(name, value);
            }
            else
            {
                names["#a" + i] = name;
                removes.Add("#a" + i);
                i++;
            }
        }

        var expression = new StringBuilder("SET ").AppendJoin(", ", sets);
        if (removes.Count > 0)
        {
            expression.Append(" REMOVE ").AppendJoin(", ", removes);
        }

        return (expression.ToString(), names, values);
    }

    public static LeaseState FromItem(Dictionary<string, AttributeValue> item) => new()
    {
        LeaseKey = Str(item, LeaseAttributes.LeaseKey) ?? throw new InvalidDataException("lease item without leaseKey"),
        Owner = Str(item, LeaseAttributes.LeaseOwner),
        Counter = Num(item, LeaseAttributes.LeaseCounter),
        Checkpoint = Str(item, LeaseAttributes.Checkpoint) ?? LeaseCheckpoints.TrimHorizon,
        CheckpointSubSequenceNumber = Num(item, LeaseAttributes.CheckpointSubSequenceNumber),
        OwnerSwitchesSinceCheckpoint = Num(item, LeaseAttributes.OwnerSwitchesSinceCheckpoint),
        ParentShardIds = Set(item, LeaseAttributes.ParentShardId),
        ChildShardIds = Set(item, LeaseAttributes.ChildShardIds),
        StartingHashKey = Str(item, LeaseAttributes.StartingHashKey),
        EndingHashKey = Str(item, LeaseAttributes.EndingHashKey),
        PendingIntent = Str(item, LeaseAttributes.PendingIntent),
        CommittedState = Str(item, LeaseAttributes.CommittedState),
    };

    private static IEnumerable<(string Name, AttributeValue? Value)> Optional(LeaseState l)
    {
        yield return (LeaseAttributes.LeaseOwner, l.Owner is null ? null : S(l.Owner));
        yield return (LeaseAttributes.ParentShardId, l.ParentShardIds.Count == 0 ? null : new AttributeValue { SS = [.. l.ParentShardIds] });
        yield return (LeaseAttributes.ChildShardIds, l.ChildShardIds.Count == 0 ? null : new AttributeValue { SS = [.. l.ChildShardIds] });
        yield return (LeaseAttributes.StartingHashKey, l.StartingHashKey is null ? null : S(l.StartingHashKey));
        yield return (LeaseAttributes.EndingHashKey, l.EndingHashKey is null ? null : S(l.EndingHashKey));
        yield return (LeaseAttributes.PendingIntent, l.PendingIntent is null ? null : S(l.PendingIntent));
        yield return (LeaseAttributes.CommittedState, l.CommittedState is null ? null : S(l.CommittedState));
    }

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static string? Str(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var v) ? v.S : null;

    private static long Num(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var v) && v.N is { } n ? long.Parse(n, NumberStyles.Integer, CultureInfo.InvariantCulture) : 0;

    private static IReadOnlyList<string> Set(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var v) && v.SS is { Count: > 0 } ss ? [.. ss.Order(StringComparer.Ordinal)] : [];
}

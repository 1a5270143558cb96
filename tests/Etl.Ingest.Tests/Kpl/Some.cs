using System.Text;
using Etl.Ingest.Kpl;

namespace Etl.Ingest.Tests.Kpl;

/// <summary>Test data builders for Kinesis records.</summary>
internal static class Some
{
    public const string Shard = "shardId-000000000007";

    public const string Sequence = "49590338271490256608559692538361571095921575989136588898";

    public static readonly DateTimeOffset Arrival = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    public static KinesisRecordEnvelope Envelope(byte[] data, string partitionKey = "a", HashKeyRange? range = null) =>
        new(data, partitionKey, Sequence, Arrival, Shard, range);

    /// <summary>An aggregate of user records with per-record keys (no de-duplication in the key tables).</summary>
    public static byte[] Aggregate(params (string PartitionKey, string? ExplicitHashKey, string Data)[] records)
    {
        var body = new ProtoWriter();
        foreach (var r in records)
        {
            body.StringField(1, r.PartitionKey);
        }

        var ehkIndex = 0UL;
        var ehkIndexes = new ulong?[records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            if (records[i].ExplicitHashKey is { } ehk)
            {
                body.StringField(2, ehk);
                ehkIndexes[i] = ehkIndex++;
            }
        }

        for (var i = 0; i < records.Length; i++)
        {
            body.BytesField(3, ProtoWriter.Record((ulong)i, ehkIndexes[i], Encoding.UTF8.GetBytes(records[i].Data)));
        }

        return ProtoWriter.Aggregate(body.ToArray());
    }
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Etl.Ingest.Tests.Producer;

/// <summary>A fake Kinesis PutRecords endpoint: records each call and rejects entries chosen by a rule.</summary>
internal sealed class FakeKinesisHandler : HttpMessageHandler
{
    private int _sequence;

    /// <summary>(call number, index in the call) → reject with this error code, or null to accept.</summary>
    public Func<int, int, string?> Reject { get; set; } = (_, _) => null;

    public List<List<(string Key, string Data)>> Calls { get; } = [];

    public List<string> Accepted { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
        var entries = body["Records"]!.AsArray()
            .Select(r => (r!["PartitionKey"]!.GetValue<string>(), Encoding.UTF8.GetString(Convert.FromBase64String(r["Data"]!.GetValue<string>()))))
            .ToList();
        Calls.Add(entries);
        var results = new JsonArray();
        var failed = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if (Reject(Calls.Count, i) is { } code)
            {
                failed++;
                results.Add(new JsonObject { ["ErrorCode"] = code, ["ErrorMessage"] = "rejected by the fake" });
            }
            else
            {
                Accepted.Add(entries[i].Item2);
                results.Add(new JsonObject { ["SequenceNumber"] = (++_sequence).ToString(System.Globalization.CultureInfo.InvariantCulture), ["ShardId"] = "shardId-000000000000" });
            }
        }

        var response = new JsonObject { ["FailedRecordCount"] = failed, ["Records"] = results };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(response.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1") };
    }
}

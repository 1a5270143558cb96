using System.Globalization;
using System.Text.Json.Nodes;

namespace Etl.SchemaGovernance.Tests.JsonSchema;

/// <summary>
/// Deterministic documents for the demo schemas: valid records, and each valid record broken in one way
/// (a wrong type, a value out of range, a missing required property, an unknown enum value, a bad timestamp, null).
/// </summary>
internal static class DifferentialDocuments
{
    private static readonly string[] Tickers = ["BTC", "ETH", "BSC", "SOL"];
    private static readonly string[] Statuses = ["OK", "WARNING", "ERROR"];

    public static IEnumerable<JsonObject> Valid(string feed, int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(random.Next(0, 30_000_000));
            var stamp = random.Next(3) switch
            {
                0 => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                1 => time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                _ => time.ToOffset(TimeSpan.FromHours(random.Next(-11, 12))).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            };
            yield return feed switch
            {
                "ticker" => new JsonObject
                {
                    ["ticker"] = Tickers[random.Next(Tickers.Length)],
                    ["price"] = Math.Round(random.NextDouble() * 70_000, 2),
                    ["event_time"] = stamp,
                },
                "sensor" => new JsonObject
                {
                    ["sensor_id"] = random.Next(1, 100),
                    ["current_temperature"] = Math.Round(10 + (random.NextDouble() * 170), 1),
                    ["status"] = Statuses[random.Next(Statuses.Length)],
                    ["event_time"] = stamp,
                },
                _ => new JsonObject
                {
                    ["ventilatorid"] = random.Next(1, 10_000),
                    ["eventtime"] = stamp,
                    ["serialnumber"] = "SN-" + random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture),
                    ["pressurecontrol"] = random.Next(0, 40),
                    ["o2stats"] = random.Next(0, 101),
                    ["minutevolume"] = random.Next(0, 20),
                    ["manufacturer"] = random.Next(2) == 0 ? "Acme" : "Draeger",
                },
            };
        }
    }

    /// <summary>Mutations of one property's value; each is applied to a copy of a valid record.</summary>
    public static IEnumerable<JsonNode?> Mutations(string property, string feed) =>
        (feed, property) switch
        {
            (_, "event_time" or "eventtime") => ["not a timestamp", "2026-13-45T00:00:00Z", "", 1700000000, null, true],
            ("sensor", "sensor_id") => [0, 100, -5, 1e3, "42", null, 3.5],
            ("sensor", "current_temperature") => [9.99, 180.5, -1, "20", null, false],
            (_, "ticker" or "status") => ["XRP", "btc", "", 7, null, new JsonArray("BTC")],
            (_, "price") => ["12.5", null, true, new JsonObject()],
            ("ventilator", "pressurecontrol" or "o2stats" or "minutevolume") => [-1, "5", 2.5, null, new JsonArray()],
            ("ventilator", "ventilatorid") => ["17", 1.5, null, false],
            _ => [12, null, true, new JsonObject { ["x"] = 1 }],
        };
}

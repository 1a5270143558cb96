using System.Text.Json;

namespace Etl.Ingest.Demo;

/// <summary>Crypto ticker prices: <c>{ticker, price, event_time}</c>; the price is a seeded random walk per ticker.</summary>
internal sealed class TickerFeed(ulong seed, DateTimeOffset epoch, TimeSpan interval, double invalidFraction)
    : DemoFeed("ticker", seed, epoch, interval, invalidFraction)
{
    private static readonly string[] Tickers = ["BTC", "ETH", "BSC", "SOL"];
    private static readonly double[] BasePrices = [60_000, 3_000, 500, 150];

    public override string EventTimeField => "event_time";

    public override string JsonSchema => """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "ticker",
          "type": "object",
          "properties": {
            "ticker": { "type": "string", "enum": ["BTC", "ETH", "BSC", "SOL"] },
            "price": { "type": "number" },
            "event_time": { "type": "string", "format": "date-time" }
          },
          "required": ["ticker", "price", "event_time"],
          "additionalProperties": false
        }
        """;

    protected override void WriteFields(Utf8JsonWriter writer, long n, DateTimeOffset eventTime, Defect defect)
    {
        var index = (int)(Random(n, 10) % 4);
        if (defect != Defect.MissingRequiredField)
        {
            writer.WriteString("ticker", Tickers[index]);
        }

        // A random walk that is still a pure function of n: the sum of a slow wave and bounded noise.
        var walk = Math.Sin((n / 500.0) + index) * 0.05;
        var noise = (Unit(n, 11) - 0.5) * 0.01;
        var price = Math.Round(BasePrices[index] * (1 + walk + noise), 2);
        if (defect == Defect.WrongType)
        {
            writer.WriteString("price", "high");
        }
        else
        {
            writer.WriteNumber("price", price);
        }

        WriteEventTime(writer, "event_time", eventTime, defect == Defect.MissingRequiredField ? Defect.None : defect);
    }
}

using Etl.Core.Records;

namespace Etl.SchemaGovernance.Tests.JsonSchema;

/// <summary>The JSON Schemas of the three demo feeds, and records for them.</summary>
internal static class DemoSchemas
{
    public const string Ticker = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "ticker",
          "type": "object",
          "properties": {
            "ticker": { "type": "string", "enum": ["BTC", "ETH", "BSC", "SOL"] },
            "price": { "type": "number" },
            "event_time": { "type": "string", "format": "date-time" }
          },
          "required": ["ticker", "price", "event_time"]
        }
        """;

    public const string Sensor = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "sensor",
          "type": "object",
          "properties": {
            "sensor_id": { "type": "integer", "minimum": 1, "maximum": 99 },
            "current_temperature": { "type": "number", "minimum": 10, "maximum": 180 },
            "status": { "type": "string", "enum": ["OK", "WARNING", "ERROR"] },
            "event_time": { "type": "string", "format": "date-time" }
          },
          "required": ["sensor_id", "current_temperature", "status", "event_time"]
        }
        """;

    public const string Ventilator = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "ventilator",
          "type": "object",
          "properties": {
            "ventilatorid": { "type": "integer" },
            "eventtime": { "type": "string", "format": "date-time" },
            "serialnumber": { "type": "string" },
            "pressurecontrol": { "type": "integer", "minimum": 0 },
            "o2stats": { "type": "integer", "minimum": 0 },
            "minutevolume": { "type": "integer", "minimum": 0 },
            "manufacturer": { "type": "string" }
          },
          "required": ["ventilatorid", "eventtime", "serialnumber", "pressurecontrol", "o2stats", "minutevolume", "manufacturer"]
        }
        """;

    public const string VentilatorRecord =
        """{"ventilatorid":17,"eventtime":"2026-11-21T08:15:30.250Z","serialnumber":"VX-00017-A","pressurecontrol":24,"o2stats":93,"minutevolume":7,"manufacturer":"Acme Medical"}""";

    public const string TickerRecord = """{"ticker":"ETH","price":3012.55,"event_time":"2026-11-21T08:15:30+01:00"}""";

    public const string SensorRecord = """{"sensor_id":42,"current_temperature":71.5,"status":"WARNING","event_time":"2026-11-21T08:15:30Z"}""";

    public static SchemaVersionRef Version(string name) => new(name, 1, new Guid("6f1f7f4e-41f3-4f0e-9f51-2a7d9f2f0c11"));

    public static SourceRecord Source(string json) => Source(System.Text.Encoding.UTF8.GetBytes(json));

    public static SourceRecord Source(byte[] data) =>
        new(data, "pk-1", new StreamPosition("shardId-000000000000", "49590338271490256608559692538361571095921575989136588898"),
            new DateTimeOffset(2026, 11, 21, 8, 16, 0, TimeSpan.Zero));
}

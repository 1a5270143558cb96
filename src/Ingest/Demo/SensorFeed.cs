using System.Text.Json;

namespace Etl.Ingest.Demo;

/// <summary>Temperature sensors: <c>{sensor_id 1..99, current_temperature 10..180, status, event_time}</c>.</summary>
internal sealed class SensorFeed(ulong seed, DateTimeOffset epoch, TimeSpan interval, double invalidFraction)
    : DemoFeed("sensor", seed, epoch, interval, invalidFraction)
{
    private static readonly string[] Statuses = ["OK", "WARNING", "ERROR"];

    public override string EventTimeField => "event_time";

    public override string JsonSchema => """
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
          "required": ["sensor_id", "current_temperature", "status", "event_time"],
          "additionalProperties": false
        }
        """;

    protected override void WriteFields(Utf8JsonWriter writer, long n, DateTimeOffset eventTime, Defect defect)
    {
        if (defect == Defect.WrongType)
        {
            writer.WriteString("sensor_id", "sensor-" + (1 + (long)(Random(n, 20) % 99)));
        }
        else
        {
            writer.WriteNumber("sensor_id", 1 + (long)(Random(n, 20) % 99));
        }

        writer.WriteNumber("current_temperature", Math.Round(10 + (Unit(n, 21) * 170), 2));
        if (defect != Defect.MissingRequiredField)
        {
            writer.WriteString("status", Statuses[(int)(Random(n, 22) % 3)]);
        }

        WriteEventTime(writer, "event_time", eventTime, defect == Defect.MissingRequiredField ? Defect.None : defect);
    }
}

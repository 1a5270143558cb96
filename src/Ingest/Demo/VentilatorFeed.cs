using System.Text.Json;

namespace Etl.Ingest.Demo;

/// <summary>
/// Ventilator telemetry: <c>{ventilatorid, eventtime, serialnumber, pressurecontrol, o2stats, minutevolume,
/// manufacturer}</c>.
/// </summary>
internal sealed class VentilatorFeed(ulong seed, DateTimeOffset epoch, TimeSpan interval, double invalidFraction)
    : DemoFeed("ventilator", seed, epoch, interval, invalidFraction)
{
    private static readonly string[] Manufacturers = ["3M", "GE", "Vyaire", "Getinge"];

    public override string EventTimeField => "eventtime";

    public override string JsonSchema => """
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
          "required": ["ventilatorid", "eventtime", "serialnumber", "pressurecontrol", "o2stats", "minutevolume", "manufacturer"],
          "additionalProperties": false
        }
        """;

    protected override void WriteFields(Utf8JsonWriter writer, long n, DateTimeOffset eventTime, Defect defect)
    {
        var id = 1 + (long)(Random(n, 30) % 100);
        writer.WriteNumber("ventilatorid", id);
        WriteEventTime(writer, "eventtime", eventTime, defect == Defect.MissingRequiredField ? Defect.None : defect);
        writer.WriteString("serialnumber", "SN-" + (Random(n, 31) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteNumber("pressurecontrol", (long)(Random(n, 32) % 40) + 5);
        if (defect == Defect.WrongType)
        {
            writer.WriteString("o2stats", "n/a");
        }
        else
        {
            writer.WriteNumber("o2stats", (long)(Random(n, 33) % 100));
        }

        writer.WriteNumber("minutevolume", (long)(Random(n, 34) % 12) + 1);
        if (defect != Defect.MissingRequiredField)
        {
            writer.WriteString("manufacturer", Manufacturers[(int)(Random(n, 35) % 4)]);
        }
    }
}

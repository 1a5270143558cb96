using System.Globalization;
using System.Text;

namespace Etl.Benchmarks.JsonSchema;

/// <summary>Deterministic ventilator records like the demo feed produces, and that feed's JSON Schema.</summary>
internal static class VentilatorRecords
{
    public const string Schema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
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

    private static readonly string[] Manufacturers = ["Vyaire", "Hamilton", "Draeger", "Medtronic", "GE Healthcare"];

    public static byte[][] Generate(int count, int seed = 42)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
        var records = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var time = start.AddMilliseconds(random.Next(0, 3_600_000));
            var json = string.Create(
                CultureInfo.InvariantCulture,
                $"{{\"ventilatorid\":{random.Next(1, 500)},\"eventtime\":\"{time:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\",\"serialnumber\":\"{Guid.NewGuid():N}\",\"pressurecontrol\":{random.Next(5, 30)},\"o2stats\":{random.Next(90, 100)},\"minutevolume\":{random.Next(3, 10)},\"manufacturer\":\"{Manufacturers[random.Next(Manufacturers.Length)]}\"}}");
            records[i] = Encoding.UTF8.GetBytes(json);
        }

        return records;
    }
}

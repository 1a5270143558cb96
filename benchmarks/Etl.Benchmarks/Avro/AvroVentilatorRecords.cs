using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.Benchmarks.Avro;

/// <summary>Seeded ventilator-like records in Avro binary (the demo feed's shape).</summary>
internal static class AvroVentilatorRecords
{
    public const string SchemaJson = """
        {"type":"record","name":"Ventilator","namespace":"demo","fields":[
          {"name":"ventilatorid","type":"long"},
          {"name":"eventtime","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"serialnumber","type":"string"},
          {"name":"pressurecontrol","type":"long"},
          {"name":"o2stats","type":"long"},
          {"name":"minutevolume","type":"long"},
          {"name":"manufacturer","type":"string"}
        ]}
        """;

    private static readonly string[] Manufacturers = ["3M", "GE", "Vyaire", "Getinge", "Hamilton Medical"];

    public static AvroSchema Schema { get; } = AvroSchemaParser.Parse(SchemaJson);

    public static byte[][] Generate(int count)
    {
        var random = new Random(42);
        var schema = (AvroRecordSchema)Schema;
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_763_683_200_000);
        var records = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var ventilator = random.Next(1, 1001);
            var record = new AvroRecord(schema,
            [
                (long)ventilator,
                start.AddMilliseconds(i * 250L),
                $"{Guid.NewGuid().ToString("N")[..8]}-{ventilator:D5}",
                (long)random.Next(3, 41),
                (long)random.Next(80, 101),
                (long)random.Next(3, 11),
                Manufacturers[random.Next(Manufacturers.Length)],
            ]);
            records[i] = AvroDatumWriter.Encode(schema, record);
        }

        return records;
    }
}

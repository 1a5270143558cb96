using System.Text;
using Etl.Parquet.Columns;
using Etl.Parquet.Writing;

namespace Etl.Benchmarks.Parquet;

/// <summary>
/// A ventilator-like table (ventilatorid bigint, eventtime timestamp, serialnumber string, pressurecontrol /
/// o2stats / minutevolume bigint, manufacturer string), generated once with a fixed seed.
/// </summary>
internal sealed class VentilatorTable
{
    private static readonly string[] Manufacturers = ["drägerwerk", "hamilton medical", "medtronic", "philips", "ge healthcare", "mindray", "resmed", "getinge"];

    public VentilatorTable(int rows)
    {
        Rows = rows;
        var random = new Random(20261121);
        VentilatorId = new long[rows];
        EventTime = new long[rows];
        Serial = new byte[rows][];
        PressureControl = new long[rows];
        O2Stats = new long[rows];
        MinuteVolume = new long[rows];
        Manufacturer = new byte[rows][];
        var serials = Enumerable.Range(0, 5000).Select(i => Encoding.UTF8.GetBytes($"SN-{i:D6}-{(char)('A' + (i % 26))}")).ToArray();
        var manufacturers = Manufacturers.Select(Encoding.UTF8.GetBytes).ToArray();
        var time = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = 0; i < rows; i++)
        {
            var device = random.Next(5000);
            VentilatorId[i] = device;
            time += random.Next(0, 3);
            EventTime[i] = time;
            Serial[i] = serials[device];
            PressureControl[i] = random.Next(5, 40);
            O2Stats[i] = random.Next(21, 101);
            MinuteVolume[i] = random.Next(2, 30);
            Manufacturer[i] = manufacturers[device % manufacturers.Length];
        }
    }

    public int Rows { get; }

    public long[] VentilatorId { get; }

    public long[] EventTime { get; }

    public byte[][] Serial { get; }

    public long[] PressureControl { get; }

    public long[] O2Stats { get; }

    public long[] MinuteVolume { get; }

    public byte[][] Manufacturer { get; }

    /// <summary>Appends every row to the writer's column buffers (what a decoder does, value by value).</summary>
    public void Fill(ParquetWriter writer)
    {
        var columns = writer.Columns;
        var id = (Int64ColumnBuffer)columns[0];
        var time = (Int64ColumnBuffer)columns[1];
        var serial = (ByteArrayColumnBuffer)columns[2];
        var pressure = (Int64ColumnBuffer)columns[3];
        var o2 = (Int64ColumnBuffer)columns[4];
        var volume = (Int64ColumnBuffer)columns[5];
        var manufacturer = (ByteArrayColumnBuffer)columns[6];
        for (var i = 0; i < Rows; i++)
        {
            id.Append(VentilatorId[i]);
            time.Append(EventTime[i]);
            serial.Append(Serial[i]);
            pressure.Append(PressureControl[i]);
            o2.Append(O2Stats[i]);
            volume.Append(MinuteVolume[i]);
            manufacturer.Append(Manufacturer[i]);
        }
    }
}

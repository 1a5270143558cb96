using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Etl.Ingest.Demo;

/// <summary>
/// The built-in demo feeds (ticker, sensor, ventilator). Record <c>n</c> of a feed is a pure function of the feed,
/// its seed, its epoch and <c>n</c>, so a restart that re-reads from a checkpoint regenerates the same bytes. A small,
/// fixed fraction of records is invalid on purpose (missing required field, wrong type, bad timestamp) so the
/// dead-letter path runs from the first record on.
/// </summary>
public abstract class DemoFeed
{
    private readonly ulong _seed;

    protected DemoFeed(string name, ulong seed, DateTimeOffset epoch, TimeSpan interval, double invalidFraction)
    {
        Name = name;
        _seed = seed;
        Epoch = epoch;
        Interval = interval;
        InvalidFraction = invalidFraction;
    }

    /// <summary>Feed (and table) name.</summary>
    public string Name { get; }

    /// <summary>Event time of record 0.</summary>
    public DateTimeOffset Epoch { get; }

    /// <summary>Event-time distance between consecutive records.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Fraction of records that are deliberately invalid (0..1).</summary>
    public double InvalidFraction { get; }

    /// <summary>The feed's JSON Schema (draft-07), registered as version 1.</summary>
    public abstract string JsonSchema { get; }

    /// <summary>The event-time field the pipeline partitions by.</summary>
    public abstract string EventTimeField { get; }

    /// <summary>Names of the known feeds.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ticker", "sensor", "ventilator"];

    /// <summary>Creates a feed by name.</summary>
    public static DemoFeed Create(string name, ulong seed, DateTimeOffset epoch, TimeSpan interval, double invalidFraction = 0.02) =>
        name switch
        {
            "ticker" => new TickerFeed(seed, epoch, interval, invalidFraction),
            "sensor" => new SensorFeed(seed, epoch, interval, invalidFraction),
            "ventilator" => new VentilatorFeed(seed, epoch, interval, invalidFraction),
            _ => throw new ArgumentException($"unknown demo feed '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
        };

    /// <summary>The partition key of record <paramref name="n"/>.</summary>
    public virtual string PartitionKey(long n) => Name + "-" + (Random(n, 99) % 16).ToString(CultureInfo.InvariantCulture);

    /// <summary>The JSON payload of record <paramref name="n"/>.</summary>
    public byte[] Record(long n)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var eventTime = Epoch + (Interval * n);
            var defect = DefectOf(n);
            WriteFields(writer, n, eventTime, defect);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Which deliberate defect record <paramref name="n"/> carries, if any.</summary>
    public Defect DefectOf(long n)
    {
        var roll = Random(n, 1) % 1_000_000 / 1_000_000.0;
        if (roll >= InvalidFraction)
        {
            return Defect.None;
        }

        return (Random(n, 2) % 3) switch
        {
            0 => Defect.MissingRequiredField,
            1 => Defect.WrongType,
            _ => Defect.BadTimestamp,
        };
    }

    protected abstract void WriteFields(Utf8JsonWriter writer, long n, DateTimeOffset eventTime, Defect defect);

    /// <summary>A deterministic pseudo-random 64-bit value for record <paramref name="n"/> and a stream of draws.</summary>
    protected ulong Random(long n, int draw)
    {
        // SplitMix64 over (seed, n, draw): cheap, stateless and well distributed.
        var z = _seed + (0x9E3779B97F4A7C15UL * (ulong)(n + 1)) + (0xBF58476D1CE4E5B9UL * (ulong)(draw + 1));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A deterministic double in [0, 1).</summary>
    protected double Unit(long n, int draw) => (Random(n, draw) >> 11) * (1.0 / (1UL << 53));

    protected static void WriteEventTime(Utf8JsonWriter writer, string field, DateTimeOffset eventTime, Defect defect)
    {
        switch (defect)
        {
            case Defect.BadTimestamp:
                writer.WriteString(field, "not-a-time " + eventTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                break;
            case Defect.MissingRequiredField:
                break;
            default:
                writer.WriteString(field, eventTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>The deliberate defects.</summary>
    public enum Defect
    {
        None,
        MissingRequiredField,
        WrongType,
        BadTimestamp,
    }

    internal static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}

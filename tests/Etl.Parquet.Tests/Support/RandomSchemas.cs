using Etl.Parquet.Schema;

namespace Etl.Parquet.Tests.Support;

/// <summary>Seeded random schemas (nested, nullable, every type) and rows in the writer's object representation.</summary>
internal sealed class RandomSchemas
{
    private static readonly string[] Strings = ["", "a", "Zürich", "日本語", "emoji 🚀", "x\u0000y", "tab\tnewline\n", new string('w', 300)];
    private readonly Random _random;
    private int _names;

    public RandomSchemas(int seed)
    {
        _random = new Random(seed);
    }

    public ParquetSchema Schema(int maxDepth)
    {
        var count = _random.Next(1, 6);
        var fields = new ParquetField[count];
        for (var i = 0; i < count; i++)
        {
            fields[i] = Field(maxDepth);
        }

        return new ParquetSchema(fields);
    }

    private string Name() => "c" + _names++;

    private ParquetField Field(int depth)
    {
        var nullable = _random.Next(3) != 0;
        var kind = depth <= 0 ? 0 : _random.Next(6);
        return kind switch
        {
            3 => new StructField(Name(), [.. Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Field(depth - 1))], nullable),
            4 => new ListField(Name(), Field(depth - 1), nullable),
            5 => new MapField(Name(), Key(), Field(depth - 1), nullable),
            _ => Primitive(Name(), nullable),
        };
    }

    private PrimitiveField Key() => _random.Next(3) switch
    {
        0 => ParquetField.String("key", nullable: false),
        1 => ParquetField.Int32("key", nullable: false),
        _ => ParquetField.Int64("key", nullable: false),
    };

    private PrimitiveField Primitive(string name, bool nullable)
    {
        var type = (ParquetColumnType)_random.Next(10);
        return type switch
        {
            ParquetColumnType.Decimal => Decimal(name, nullable),
            ParquetColumnType.Timestamp => ParquetField.Timestamp(name, nullable, _random.Next(2) == 0 ? TimestampUnit.Millis : TimestampUnit.Micros),
            _ => new PrimitiveField(name, type, nullable),
        };
    }

    private PrimitiveField Decimal(string name, bool nullable)
    {
        var precision = _random.Next(4) switch { 0 => _random.Next(1, 10), 1 => _random.Next(10, 19), _ => _random.Next(19, 29) };
        var scale = _random.Next(0, Math.Min(precision, 10) + 1);
        var encoding = _random.Next(3) == 0 ? DecimalEncoding.FixedLenByteArray : DecimalEncoding.ByPrecision;
        return ParquetField.Decimal(name, precision, scale, nullable, encoding);
    }

    public object?[] Row(ParquetSchema schema)
    {
        var row = new object?[schema.Fields.Count];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = Value(schema.Fields[i]);
        }

        return row;
    }

    private object? Value(ParquetField field)
    {
        if (field.IsNullable && _random.Next(6) == 0)
        {
            return null;
        }

        switch (field)
        {
            case PrimitiveField p:
                return Primitive(p);
            case StructField s:
                return s.Fields.Select(Value).ToArray();
            case ListField l:
                return Enumerable.Range(0, _random.Next(4) == 0 ? 0 : _random.Next(1, 5)).Select(_ => Value(l.Element)).ToList();
            case MapField m:
                {
                    var entries = new List<KeyValuePair<object, object?>>();
                    var keys = new HashSet<object>();
                    var count = _random.Next(4) == 0 ? 0 : _random.Next(1, 4);
                    for (var i = 0; i < count; i++)
                    {
                        var key = Primitive(m.Key);
                        if (keys.Add(key))
                        {
                            entries.Add(new(key, Value(m.Value)));
                        }
                    }

                    return entries;
                }

            default:
                throw new InvalidOperationException();
        }
    }

    private object Primitive(PrimitiveField field)
    {
        var edge = _random.Next(5) == 0;
        switch (field.Type)
        {
            case ParquetColumnType.Boolean:
                return _random.Next(2) == 0;
            case ParquetColumnType.Int32:
                return edge ? Pick(int.MinValue, int.MaxValue, 0, -1) : _random.Next(-1000, 1000);
            case ParquetColumnType.Int64:
                return edge ? Pick(long.MinValue, long.MaxValue, 0L, -1L) : _random.NextInt64(-100_000, 100_000);
            case ParquetColumnType.Float:
                return edge ? Pick(float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.0f, float.MaxValue, float.Epsilon) : (float)((_random.NextDouble() - 0.5) * 1000);
            case ParquetColumnType.Double:
                return edge ? Pick(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.MaxValue, double.Epsilon) : (_random.NextDouble() - 0.5) * 1e9;
            case ParquetColumnType.String:
                return _random.Next(3) == 0 ? Strings[_random.Next(Strings.Length)] : "s" + _random.Next(50);
            case ParquetColumnType.Binary:
                return _random.Next(5) == 0 ? [] : Enumerable.Range(0, _random.Next(1, 20)).Select(_ => (byte)_random.Next(256)).ToArray();
            case ParquetColumnType.Date:
                return edge ? Pick(DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(1969, 12, 31), new DateOnly(1970, 1, 1)) : DateOnly.FromDayNumber(_random.Next(600_000, 800_000));
            case ParquetColumnType.Timestamp:
                {
                    var unitTicks = field.TimestampUnit == TimestampUnit.Millis ? TimeSpan.TicksPerMillisecond : 10;
                    var ticks = edge
                        ? Pick(DateTimeOffset.UnixEpoch.AddYears(-1800).UtcTicks, new DateTimeOffset(9999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero).UtcTicks, DateTimeOffset.UnixEpoch.UtcTicks - unitTicks, new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks)
                        : _random.NextInt64(DateTimeOffset.UnixEpoch.AddYears(-60).UtcTicks, DateTimeOffset.UnixEpoch.AddYears(200).UtcTicks);
                    return new DateTimeOffset(ticks / unitTicks * unitTicks, TimeSpan.Zero);
                }

            case ParquetColumnType.Decimal:
                {
                    var digits = edge ? field.Precision : _random.Next(1, field.Precision + 1);
                    var text = new char[digits];
                    for (var i = 0; i < digits; i++)
                    {
                        text[i] = edge ? '9' : (char)('0' + _random.Next(10));
                    }

                    var unscaled = decimal.Parse(new string(text), System.Globalization.CultureInfo.InvariantCulture);
                    var value = unscaled / Pow10(field.Scale);
                    return _random.Next(2) == 0 ? -value : value;
                }

            default:
                throw new InvalidOperationException();
        }
    }

    private static decimal Pow10(int n)
    {
        var p = 1m;
        for (var i = 0; i < n; i++)
        {
            p *= 10;
        }

        return p;
    }

    private T Pick<T>(params T[] values) => values[_random.Next(values.Length)];
}

namespace Etl.SchemaGovernance.Avro.Resolution;

/// <summary>Shared boxes for small integers (boxed values are immutable), saving an allocation per common value.</summary>
internal static class AvroBoxes
{
    private const int Min = -128;
    private const int Max = 1023;
    private static readonly object[] Longs = Create(i => (long)i);
    private static readonly object[] Ints = Create(i => i);

    public static object Long(long value) => (ulong)(value - Min) <= Max - Min ? Longs[value - Min] : value;

    public static object Int(int value) => (uint)(value - Min) <= Max - Min ? Ints[value - Min] : value;

    private static object[] Create(Func<int, object> box)
    {
        var boxes = new object[Max - Min + 1];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = box(i + Min);
        }

        return boxes;
    }
}

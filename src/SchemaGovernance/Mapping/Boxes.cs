namespace Etl.SchemaGovernance.Mapping;

/// <summary>Shared boxes for small integers, which dominate counters and codes in records (boxes are immutable).</summary>
internal static class Boxes
{
    private const long Min = -128;
    private const long Max = 1023;

    private static readonly object[] Small = CreateSmall();

    public static object Int64(long value) => value is >= Min and <= Max ? Small[value - Min] : value;

    private static object[] CreateSmall()
    {
        var boxes = new object[Max - Min + 1];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = Min + i;
        }

        return boxes;
    }
}

using System.Buffers;

namespace Etl.Parquet.Columns;

/// <summary>
/// Growth of column arrays through the shared array pool, so a writer per file reuses the previous writer's
/// arrays instead of allocating a row group's worth of memory again.
/// </summary>
internal static class Pooled
{
    public static T[] Resize<T>(T[] current, int size, int used)
    {
        var next = ArrayPool<T>.Shared.Rent(size);
        current.AsSpan(0, used).CopyTo(next);
        Return(current);
        return next;
    }

    public static void Return<T>(T[] array)
    {
        if (array.Length > 1)
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }
}

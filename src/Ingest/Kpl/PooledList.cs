using System.Buffers;

namespace Etl.Ingest.Kpl;

/// <summary>A growable list over arrays rented from the shared pool; dispose to return them.</summary>
internal struct PooledList<T> : IDisposable
{
    private T[] items;
    private int count;

    public PooledList(int initialCapacity)
    {
        items = ArrayPool<T>.Shared.Rent(Math.Max(4, initialCapacity));
        count = 0;
    }

    public readonly int Count => count;

    public readonly ReadOnlySpan<T> Items => items.AsSpan(0, count);

    public readonly ref T this[int index] => ref items[index];

    public void Add(T item)
    {
        if (count == items.Length)
        {
            var larger = ArrayPool<T>.Shared.Rent(items.Length * 2);
            items.AsSpan(0, count).CopyTo(larger);
            Return(items, count);
            items = larger;
        }

        items[count++] = item;
    }

    public void Dispose()
    {
        if (items is not null)
        {
            Return(items, count);
            items = null!;
            count = 0;
        }
    }

    private static void Return(T[] array, int used)
    {
        if (System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            array.AsSpan(0, used).Clear();
        }

        ArrayPool<T>.Shared.Return(array);
    }
}

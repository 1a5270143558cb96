namespace Etl.Ingest.Leases;

/// <summary>
/// Durable lease items with conditional writes on <see cref="LeaseState.Counter"/>. Implementations: DynamoDB (the
/// KCL 2.x table) and a local file. A failed condition is a normal outcome (false/null), not an exception; transport
/// and service faults throw.
/// </summary>
public interface ILeaseStore
{
    /// <summary>Creates the table (or file) if it does not exist and waits until it is usable.</summary>
    Task EnsureCreatedAsync(CancellationToken cancellationToken);

    /// <summary>Every lease (a full scan).</summary>
    Task<IReadOnlyList<LeaseState>> ListAsync(CancellationToken cancellationToken);

    /// <summary>One lease, or null when absent.</summary>
    Task<LeaseState?> GetAsync(string leaseKey, CancellationToken cancellationToken);

    /// <summary>Creates <paramref name="lease"/> unless a lease with its key exists; true when created.</summary>
    Task<bool> CreateIfAbsentAsync(LeaseState lease, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="updated"/> with counter <c>expected.Counter + 1</c> if the stored counter still equals
    /// <paramref name="expected"/>'s; returns the written lease, or null when the condition failed (someone else wrote).
    /// </summary>
    Task<LeaseState?> UpdateAsync(LeaseState expected, LeaseState updated, CancellationToken cancellationToken);

    /// <summary>Deletes the lease if its counter still equals <paramref name="expected"/>'s; true when deleted.</summary>
    Task<bool> DeleteAsync(LeaseState expected, CancellationToken cancellationToken);
}

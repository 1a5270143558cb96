namespace Etl.Catalog.Glue;

/// <summary>How a table's partitions become visible to queries (see docs/adr/0004-partition-registration-and-projection.md).</summary>
public enum PartitionRegistration
{
    /// <summary>Each partition is created in Glue (BatchCreatePartition). Every engine sees it.</summary>
    Register,

    /// <summary>Athena partition projection only: table parameters describe the partition values; nothing is
    /// registered. Athena alone computes partitions this way.</summary>
    Projection,

    /// <summary>Projection for Athena and registered partitions for other engines.</summary>
    Both,
}

namespace Etl.Catalog.Glue;

/// <summary>Per-table catalog settings.</summary>
/// <param name="Registration">How partitions are made visible. Default <see cref="PartitionRegistration.Register"/>.</param>
/// <param name="Projection">Required when <paramref name="Registration"/> uses projection.</param>
public sealed record GlueTableSettings(
    PartitionRegistration Registration = PartitionRegistration.Register,
    DateProjection? Projection = null)
{
    public static GlueTableSettings Default { get; } = new();

    public bool Registers => Registration is PartitionRegistration.Register or PartitionRegistration.Both;

    public bool Projects => Registration is PartitionRegistration.Projection or PartitionRegistration.Both;

    public void Validate(string table)
    {
        if (Projects && Projection is null)
        {
            throw new ArgumentException($"table {table}: partition registration {Registration} needs a DateProjection");
        }

        Projection?.Validate();
    }
}

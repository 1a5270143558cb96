namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>A union. Branches are distinct (by type, or by full name for named types) and are never unions.</summary>
internal sealed class AvroUnionSchema : AvroSchema
{
    public AvroUnionSchema(IReadOnlyList<AvroSchema> branches)
        : base(AvroType.Union, null)
    {
        Branches = branches;
        NullIndex = -1;
        for (var i = 0; i < branches.Count; i++)
        {
            if (branches[i].Type == AvroType.Null)
            {
                NullIndex = i;
                break;
            }
        }

        NonNullBranchCount = branches.Count - (NullIndex >= 0 ? 1 : 0);
    }

    /// <summary>How many branches are not <c>null</c>.</summary>
    public int NonNullBranchCount { get; }

    public IReadOnlyList<AvroSchema> Branches { get; }

    /// <summary>Index of the <c>null</c> branch, or -1.</summary>
    public int NullIndex { get; }

    /// <summary>The non-null branch when this union is exactly <c>null</c> plus one other type; otherwise null.</summary>
    public AvroSchema? NullableOf => Branches.Count == 2 && NullIndex >= 0 ? Branches[1 - NullIndex] : null;
}

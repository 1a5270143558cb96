namespace Etl.Catalog.Glue;

/// <summary>One failed item of a batch partition call (the <c>Errors</c> of BatchCreatePartition / BatchUpdatePartition).</summary>
public sealed record GluePartitionError(IReadOnlyList<string> Values, string ErrorCode, string ErrorMessage);

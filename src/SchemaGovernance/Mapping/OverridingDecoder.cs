using Etl.Core.Columns;
using Etl.Core.Contracts;
using Etl.Core.Records;

namespace Etl.SchemaGovernance.Mapping;

/// <summary>
/// Applies column type overrides to what another decoder produces: the inner decoder's row is converted in place and
/// returned with the overridden <see cref="TableSchema"/> (so the table, the catalog and the
/// partitioner see the new types). The plan is built once for the inner decoder's schema; should a row come with
/// another schema, a plan for it is built once and kept. A value that does not convert makes the record a
/// <see cref="DecodeResult.Failure(DeadLetterReason)"/> (see <see cref="OverridePlan.Apply"/>); like every decoder, it
/// never throws for bad data. Thread-safe when the inner decoder is.
/// </summary>
public sealed class OverridingDecoder : IBatchPreparingDecoder
{
    private readonly IRecordDecoder _inner;
    private readonly OverridePlan _plan;
    private OtherSchema? _other;

    /// <param name="inner">The decoder whose rows are converted.</param>
    /// <param name="plan">The plan for the inner decoder's schema (from <see cref="ColumnOverrides.TryPlan"/>).</param>
    public OverridingDecoder(IRecordDecoder inner, OverridePlan plan)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(plan);
        _inner = inner;
        _plan = plan;
    }

    /// <summary>The plan for the inner decoder's schema.</summary>
    public OverridePlan Plan => _plan;

    public Task PrepareAsync(IReadOnlyList<SourceRecord> records, CancellationToken cancellationToken) =>
        _inner is IBatchPreparingDecoder preparing ? preparing.PrepareAsync(records, cancellationToken) : Task.CompletedTask;

    public DecodeResult Decode(SourceRecord record)
    {
        var result = _inner.Decode(record);
        if (!result.IsSuccess)
        {
            return result;
        }

        var decoded = result.Record!;
        var plan = _plan;
        if (!ReferenceEquals(decoded.Schema, _plan.Source))
        {
            var other = PlanFor(decoded);
            if (other.Plan is null)
            {
                return DecodeResult.Failure(other.Problem!);
            }

            plan = other.Plan;
        }

        if (plan.IsIdentity)
        {
            return result;
        }

        return plan.Apply(decoded.Values) is { } reason
            ? DecodeResult.Failure(reason)
            : DecodeResult.Success(decoded with { Schema = plan.Target });
    }

    /// <summary>The plan for a schema other than the inner decoder's (kept for the rows that follow), or the problem.</summary>
    private OtherSchema PlanFor(DecodedRecord decoded)
    {
        if (decoded.Schema.Equals(_plan.Source))
        {
            return new OtherSchema(decoded.Schema, _plan, null);
        }

        var other = Volatile.Read(ref _other);
        if (other is not null && ReferenceEquals(other.Schema, decoded.Schema))
        {
            return other;
        }

        other = _plan.Overrides.TryPlan(decoded.Schema, requireColumns: false, out var plan, out var problems)
            ? new OtherSchema(decoded.Schema, plan, null)
            : new OtherSchema(decoded.Schema, null, new DeadLetterReason(
                DeadLetterKind.IncompatibleWithTable,
                $"schema {decoded.SchemaVersion}: {string.Join("; ", problems.Select(p => p.Message))}",
                null,
                "override"));
        Volatile.Write(ref _other, other);
        return other;
    }

    private sealed record OtherSchema(TableSchema Schema, OverridePlan? Plan, DeadLetterReason? Problem);
}

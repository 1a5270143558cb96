using System.Globalization;
using Etl.SchemaGovernance.Avro.Resolution;
using Etl.SchemaGovernance.Avro.Schema;

namespace Etl.SchemaGovernance.Compatibility.Avro;

/// <summary>
/// Decides whether a reader schema can read everything a writer schema can write, following the specification's
/// schema resolution, and lists every reason it cannot. Named types match by unqualified name or a reader alias of the
/// writer's full name; enum symbols the reader lacks are acceptable when the reader enum has a default; a reader field
/// absent from the writer needs a default; promotions int→long/float/double, long→float/double, float→double and
/// string↔bytes are allowed. Logical types are not consulted (they do not change the encoding). Recursive schemas are
/// handled by treating a (reader, writer) pair already being checked as compatible.
/// </summary>
internal sealed class AvroCompatibility
{
    private readonly Dictionary<(AvroSchema, AvroSchema), List<PairIssue>?> _memo = new(PairComparer.Instance);
    private readonly bool _checkRootName;

    private AvroCompatibility(bool checkRootName) => _checkRootName = checkRootName;

    /// <summary>The issues, each with a JSON path into the reader schema; empty when the reader can read the writer's data.</summary>
    /// <param name="reader">The schema reading the data.</param>
    /// <param name="writer">The schema the data was written with.</param>
    /// <param name="checkRootName">When false, the names of top-level named types are not compared.</param>
    public static IReadOnlyList<PairIssue> Check(AvroSchema reader, AvroSchema writer, bool checkRootName = true)
    {
        var issues = new AvroCompatibility(checkRootName).CheckPair(reader, writer, isRoot: true);
        return issues.Select(i => i with { Path = i.Path.Length == 0 ? "/" : i.Path }).ToList();
    }

    /// <summary>Issues of one pair with paths relative to the pair (memoised; a pair in progress has none).</summary>
    private List<PairIssue> CheckPair(AvroSchema reader, AvroSchema writer, bool isRoot = false)
    {
        if (isRoot)
        {
            return Compute(reader, writer, isRoot);
        }

        if (_memo.TryGetValue((reader, writer), out var known))
        {
            return known ?? [];
        }

        _memo[(reader, writer)] = null;
        var result = Compute(reader, writer, isRoot);
        _memo[(reader, writer)] = result;
        return result;
    }

    private List<PairIssue> Compute(AvroSchema reader, AvroSchema writer, bool isRoot)
    {
        var issues = new List<PairIssue>();
        if (reader.Type == writer.Type)
        {
            switch (reader)
            {
                case AvroPrimitiveSchema:
                    break;
                case AvroArraySchema a:
                    AddNested(issues, "/items", CheckPair(a.Items, ((AvroArraySchema)writer).Items));
                    break;
                case AvroMapSchema m:
                    AddNested(issues, "/values", CheckPair(m.Values, ((AvroMapSchema)writer).Values));
                    break;
                case AvroFixedSchema f:
                    CheckName(issues, f, (AvroNamedSchema)writer, isRoot);
                    var writerSize = ((AvroFixedSchema)writer).Size;
                    if (f.Size != writerSize)
                    {
                        issues.Add(new PairIssue("/size", AvroCompatibilityKinds.FixedSizeMismatch,
                            $"expected: {writerSize}, found: {f.Size}"));
                    }

                    break;
                case AvroEnumSchema e:
                    CheckName(issues, e, (AvroNamedSchema)writer, isRoot);
                    CheckEnumSymbols(issues, e, (AvroEnumSchema)writer);
                    break;
                case AvroRecordSchema r:
                    CheckName(issues, r, (AvroNamedSchema)writer, isRoot);
                    CheckFields(issues, r, (AvroRecordSchema)writer);
                    break;
                case AvroUnionSchema u:
                    var writerUnion = (AvroUnionSchema)writer;
                    for (var i = 0; i < writerUnion.Branches.Count; i++)
                    {
                        var branch = writerUnion.Branches[i];
                        if (CheckPair(u, branch).Count > 0)
                        {
                            issues.Add(new PairIssue(string.Empty, AvroCompatibilityKinds.MissingUnionBranch,
                                $"reader union lacking writer type: {branch.DisplayName} (writer branch {i.ToString(CultureInfo.InvariantCulture)})"));
                        }
                    }

                    break;
            }

            return issues;
        }

        if (writer is AvroUnionSchema wu)
        {
            // Every writer branch must be readable by the (non-union) reader.
            foreach (var branch in wu.Branches)
            {
                AddNested(issues, string.Empty, CheckPair(reader, branch));
            }

            return issues;
        }

        if (reader is AvroUnionSchema ru)
        {
            foreach (var branch in ru.Branches)
            {
                if (CheckPair(branch, writer).Count == 0)
                {
                    return issues;
                }
            }

            issues.Add(new PairIssue(string.Empty, AvroCompatibilityKinds.MissingUnionBranch,
                $"reader union lacking writer type: {writer.DisplayName}"));
            return issues;
        }

        if (!AvroSchemaMatch.IsPromotable(writer.Type, reader.Type))
        {
            issues.Add(new PairIssue(string.Empty, AvroCompatibilityKinds.TypeMismatch,
                $"reader type: {reader.DisplayName} not compatible with writer type: {writer.DisplayName}"));
        }

        return issues;
    }

    private void CheckName(List<PairIssue> issues, AvroNamedSchema reader, AvroNamedSchema writer, bool isRoot)
    {
        if ((_checkRootName || !isRoot) && !AvroSchemaMatch.NamesMatch(reader, writer))
        {
            issues.Add(new PairIssue("/name", AvroCompatibilityKinds.NameMismatch, $"expected: {writer.FullName.Full}"));
        }
    }

    private static void CheckEnumSymbols(List<PairIssue> issues, AvroEnumSchema reader, AvroEnumSchema writer)
    {
        if (reader.Default is not null && reader.IndexOf(reader.Default) >= 0)
        {
            return;
        }

        var missing = writer.Symbols.Where(s => reader.IndexOf(s) < 0).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            issues.Add(new PairIssue("/symbols", AvroCompatibilityKinds.MissingEnumSymbols, "[" + string.Join(", ", missing) + "]"));
        }
    }

    private void CheckFields(List<PairIssue> issues, AvroRecordSchema reader, AvroRecordSchema writer)
    {
        foreach (var field in reader.Fields)
        {
            var fieldPath = "/fields/" + field.Position.ToString(CultureInfo.InvariantCulture);
            var writerField = writer.GetField(field.Name);
            if (writerField is null)
            {
                foreach (var alias in field.Aliases)
                {
                    writerField = writer.GetField(alias);
                    if (writerField is not null)
                    {
                        break;
                    }
                }
            }

            if (writerField is null)
            {
                if (!field.HasDefault)
                {
                    issues.Add(new PairIssue(fieldPath, AvroCompatibilityKinds.ReaderFieldMissingDefaultValue, field.Name));
                }

                continue;
            }

            AddNested(issues, fieldPath + "/type", CheckPair(field.Schema, writerField.Schema));
        }
    }

    private static void AddNested(List<PairIssue> issues, string prefix, List<PairIssue> nested)
    {
        foreach (var issue in nested)
        {
            issues.Add(issue with { Path = prefix + issue.Path });
        }
    }

    private sealed class PairComparer : IEqualityComparer<(AvroSchema, AvroSchema)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((AvroSchema, AvroSchema) x, (AvroSchema, AvroSchema) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((AvroSchema, AvroSchema) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item2));
    }
}

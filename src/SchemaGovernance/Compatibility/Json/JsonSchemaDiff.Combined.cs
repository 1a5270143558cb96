using K = Etl.SchemaGovernance.Compatibility.Json.JsonDifferenceKinds;

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>allOf / anyOf / oneOf: branches are paired by a maximum matching of compatible pairs.</summary>
internal sealed partial class JsonSchemaDiff
{
    private void CompareCombined(SchemaNode original, Combination? originalCombination, SchemaNode update, Combination? updateCombination,
        List<JsonDifference> result)
    {
        if (originalCombination is not null && updateCombination is not null
            && originalCombination.IsSum && updateCombination.IsSum)
        {
            CompareSums(originalCombination, updateCombination, result);
        }
        else if (originalCombination is { IsSum: false } && updateCombination is { IsSum: false })
        {
            CompareProducts(originalCombination, updateCombination, result);
        }
        else if (updateCombination is { IsSum: false })
        {
            // The reader adds constraints: every one of them must hold for all of the writer's data.
            var failing = new List<JsonDifference>();
            var passing = new List<JsonDifference>();
            foreach (var branch in updateCombination.Branches)
            {
                var differences = Compare(original, branch.Node);
                (IsCompatible(differences) ? passing : failing).AddRange(differences.Select(d => d.Under(branch.Segment)));
            }

            if (failing.Count > 0)
            {
                result.Add(new(K.ProductTypeExtended, PathOf(updateCombination), "a constraint was added that the previous data may not meet"));
                result.AddRange(failing);
            }
            else
            {
                result.AddRange(passing);
            }
        }
        else if (originalCombination is { IsSum: false })
        {
            // The writer's data meets every original branch; it is enough that one of them implies the reader.
            List<JsonDifference>? best = null;
            foreach (var branch in originalCombination.Branches)
            {
                var differences = Compare(branch.Node, update);
                if (IsCompatible(differences))
                {
                    result.Add(new(K.ProductTypeNarrowed, PathOf(originalCombination), "constraints were removed"));
                    return;
                }

                if (best is null || IncompatibleCount(differences) < IncompatibleCount(best))
                {
                    best = differences;
                }
            }

            result.AddRange(best!);
        }
        else if (originalCombination is null)
        {
            // Plain writer, union reader: some branch must read it all.
            foreach (var branch in updateCombination!.Branches)
            {
                var differences = Compare(original, branch.Node);
                if (IsCompatible(differences))
                {
                    result.Add(new(K.SumTypeExtended, PathOf(updateCombination), "the type became one branch of a " + updateCombination.Keyword));
                    result.AddRange(differences.Select(d => d.Under(branch.Segment)));
                    return;
                }
            }

            result.Add(new(K.TypeChanged, string.Empty, "no branch of the " + updateCombination.Keyword + " reads the previous type"));
        }
        else
        {
            // Union writer, plain reader: the reader must read every branch.
            var failing = new List<JsonDifference>();
            var passing = new List<JsonDifference>();
            foreach (var branch in originalCombination.Branches)
            {
                var differences = Compare(branch.Node, update);
                (IsCompatible(differences) ? passing : failing).AddRange(differences);
            }

            if (failing.Count > 0)
            {
                result.Add(new(K.SumTypeNarrowed, string.Empty, "the schema no longer reads every branch of the previous " + originalCombination.Keyword));
                result.AddRange(failing);
            }
            else
            {
                result.AddRange(passing);
            }
        }
    }

    private void CompareSums(Combination original, Combination update, List<JsonDifference> result)
    {
        if (original.Kind == CombinationKind.OneOf && update.Kind == CombinationKind.AnyOf)
        {
            result.Add(new(K.CombinedTypeExtended, PathOf(update), "oneOf -> anyOf"));
        }
        else if (original.Kind == CombinationKind.AnyOf && update.Kind == CombinationKind.OneOf)
        {
            result.Add(new(K.CombinedTypeChanged, PathOf(update), "anyOf -> oneOf"));
        }

        // Each writer branch needs its own reader branch.
        MatchBranches(original.Branches, update.Branches, writerOnLeft: true, result, out var matched);
        var (o, u) = (original.Branches.Count, update.Branches.Count);
        if (o > u)
        {
            result.Add(new(K.SumTypeNarrowed, PathOf(update), $"{o} -> {u} branches"));
        }
        else if (o < u)
        {
            result.Add(new(K.SumTypeExtended, PathOf(update), $"{o} -> {u} branches"));
        }

        if (matched < Math.Min(o, u))
        {
            result.Add(new(K.CombinedTypeSubschemasChanged, PathOf(update), $"only {matched} of {Math.Min(o, u)} branches still match"));
        }
    }

    private void CompareProducts(Combination original, Combination update, List<JsonDifference> result)
    {
        // Each reader constraint must follow from its own writer constraint.
        MatchBranches(update.Branches, original.Branches, writerOnLeft: false, result, out var matched);
        var (o, u) = (original.Branches.Count, update.Branches.Count);
        if (o > u)
        {
            result.Add(new(K.ProductTypeNarrowed, PathOf(update), $"{o} -> {u} subschemas"));
        }
        else if (o < u)
        {
            result.Add(new(K.ProductTypeExtended, PathOf(update), $"{o} -> {u} subschemas"));
        }

        if (matched < Math.Min(o, u))
        {
            result.Add(new(K.CombinedTypeSubschemasChanged, PathOf(update), $"only {matched} of {Math.Min(o, u)} subschemas still match"));
        }
    }

    /// <summary>
    /// Maximum bipartite matching (augmenting paths) of left branches to right branches over compatible pairs. Differences of
    /// matched pairs are reported, and for an unmatched left branch, those against the unmatched right branch at the same index.
    /// </summary>
    private void MatchBranches(IReadOnlyList<CombinationBranch> left, IReadOnlyList<CombinationBranch> right, bool writerOnLeft,
        List<JsonDifference> result, out int matched)
    {
        var pairs = new List<JsonDifference>[left.Count, right.Count];
        var compatible = new bool[left.Count, right.Count];
        for (var i = 0; i < left.Count; i++)
        {
            for (var j = 0; j < right.Count; j++)
            {
                pairs[i, j] = writerOnLeft ? Compare(left[i].Node, right[j].Node) : Compare(right[j].Node, left[i].Node);
                compatible[i, j] = IsCompatible(pairs[i, j]);
            }
        }

        var rightMatch = Enumerable.Repeat(-1, right.Count).ToArray();
        matched = 0;
        for (var i = 0; i < left.Count; i++)
        {
            if (TryAugment(i, compatible, rightMatch, new bool[right.Count]))
            {
                matched++;
            }
        }

        var leftMatch = Enumerable.Repeat(-1, left.Count).ToArray();
        for (var j = 0; j < right.Count; j++)
        {
            if (rightMatch[j] >= 0)
            {
                leftMatch[rightMatch[j]] = j;
            }
        }

        for (var i = 0; i < left.Count; i++)
        {
            var j = leftMatch[i] >= 0 ? leftMatch[i] : (i < right.Count && rightMatch[i] < 0 ? i : -1);
            if (j >= 0)
            {
                var segment = writerOnLeft ? right[j].Segment : left[i].Segment;
                result.AddRange(pairs[i, j].Select(d => d.Under(segment)));
            }
        }
    }

    private static bool TryAugment(int i, bool[,] compatible, int[] rightMatch, bool[] seen)
    {
        for (var j = 0; j < rightMatch.Length; j++)
        {
            if (!compatible[i, j] || seen[j])
            {
                continue;
            }

            seen[j] = true;
            if (rightMatch[j] < 0 || TryAugment(rightMatch[j], compatible, rightMatch, seen))
            {
                rightMatch[j] = i;
                return true;
            }
        }

        return false;
    }

    private int IncompatibleCount(List<JsonDifference> differences) =>
        differences.Count(d => !K.IsCompatible(d.Kind, _policy));

    private static string PathOf(Combination combination) =>
        combination.Keyword is null ? string.Empty : "/" + combination.Keyword;
}

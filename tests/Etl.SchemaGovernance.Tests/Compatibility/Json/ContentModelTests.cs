using Etl.SchemaGovernance.Compatibility.Json;
using K = Etl.SchemaGovernance.Compatibility.Json.JsonDifferenceKinds;

namespace Etl.SchemaGovernance.Tests.Compatibility.Json;

/// <summary>Open, closed and partially open content models, and what LENIENT relaxes.</summary>
public sealed class ContentModelTests
{
    [Fact]
    public void Differences_property_removed_is_judged_on_the_update_model()
    {
        const string original = "{'type':'object','properties':{'a':{'type':'string'}},'additionalProperties':false}";

        // Same removal, reader open: data with "a" is still accepted.
        var toOpen = Some.Differences(original, "{'type':'object'}");
        var toClosed = Some.Differences(original, "{'type':'object','additionalProperties':false}");

        Assert.Contains(toOpen, d => d.Kind == K.PropertyRemovedFromOpenContentModel);
        Assert.Contains(toClosed, d => d.Kind == K.PropertyRemovedFromClosedContentModel);
    }

    [Fact]
    public void Differences_property_added_is_judged_on_the_original_model()
    {
        const string update = "{'type':'object','properties':{'a':{'type':'string'}},'additionalProperties':false}";

        var fromClosed = Some.Differences("{'type':'object','additionalProperties':false}", update);
        var fromOpen = Some.Differences("{'type':'object','additionalProperties':true}", update);

        Assert.Contains(fromClosed, d => d.Kind == K.OptionalPropertyAddedToUnopenContentModel);
        Assert.Contains(fromOpen, d => d.Kind == K.OptionalPropertyAddedToOpenContentModel);
        Assert.Contains(fromOpen, d => d.Kind == K.AdditionalPropertiesRemoved);
    }

    [Fact]
    public void Differences_pattern_properties_cover_a_matching_added_property()
    {
        const string original = "{'type':'object','patternProperties':{'^n_':{'type':'integer'}},'additionalProperties':false}";

        var covered = Some.Differences(original, "{'type':'object','properties':{'n_count':{'type':'number'}},'patternProperties':{'^n_':{'type':'integer'}},'additionalProperties':false}");
        var notCovered = Some.Differences(original, "{'type':'object','properties':{'n_count':{'type':'string'}},'patternProperties':{'^n_':{'type':'integer'}},'additionalProperties':false}");

        Assert.Contains(covered, d => d.Kind == K.PropertyAddedIsCoveredByPartiallyOpenContentModel && d.Path == "#/properties/n_count");
        Assert.Contains(notCovered, d => d.Kind == K.PropertyAddedNotCoveredByPartiallyOpenContentModel);
        Assert.True(Some.CanRead(original, "{'type':'object','properties':{'n_count':{'type':'number'}},'patternProperties':{'^n_':{'type':'integer'}},'additionalProperties':false}"));
    }

    [Fact]
    public void Differences_removed_property_not_matching_any_pattern_of_closed_reader_is_removed_from_closed_model()
    {
        var differences = Some.Differences(
            "{'type':'object','properties':{'x':{'type':'string'}},'patternProperties':{'^n_':{}},'additionalProperties':false}",
            "{'type':'object','patternProperties':{'^n_':{}},'additionalProperties':false}");

        Assert.Contains(differences, d => d.Kind == K.PropertyRemovedFromClosedContentModel && d.Path == "#/properties/x");
    }

    [Fact]
    public void Differences_pattern_property_schema_change_is_compared()
    {
        var differences = Some.Differences(
            "{'type':'object','patternProperties':{'^n_':{'type':'integer'}}}",
            "{'type':'object','patternProperties':{'^n_':{'type':'number'}}}");

        Assert.Contains(differences, d => d.Kind == K.TypeExtended && d.Path == "#/patternProperties/^n_/type");
    }

    [Fact]
    public void Differences_unevaluated_properties_schema_makes_the_model_partially_open()
    {
        var differences = Some.Differences(
            "{'type':'object','unevaluatedProperties':{'type':'string'}}",
            "{'type':'object','properties':{'s':{'type':'string'}},'unevaluatedProperties':{'type':'string'}}");

        Assert.Contains(differences, d => d.Kind == K.PropertyAddedIsCoveredByPartiallyOpenContentModel);
        Assert.All(differences, d => Assert.True(JsonDifferenceKinds.IsCompatible(d.Kind, JsonCompatibilityPolicy.Strict)));
    }

    public static TheoryData<string, string, string> LenientOnlyCases => new()
    {
        { "{'type':'object'}", "{'type':'object','additionalProperties':{'type':'string'}}", K.AdditionalPropertiesNarrowed },
        { "{'type':'object'}", "{'type':'object','additionalProperties':false}", K.AdditionalPropertiesRemoved },
        { "{'type':'object'}", "{'type':'object','unevaluatedProperties':{'type':'string'}}", K.UnevaluatedPropertiesNarrowed },
        { "{'type':'object'}", "{'type':'object','unevaluatedProperties':false}", K.UnevaluatedPropertiesRemoved },
        { "{'type':'object'}", "{'type':'object','properties':{'a':{'type':'string','default':'x'}},'required':['a']}", K.RequiredPropertyWithDefaultAddedToOpenContentModel },
        { "{'type':'object'}", "{'type':'object','properties':{'a':{'type':'string'}}}", K.OptionalPropertyAddedToOpenContentModel },
        { "{'type':'object','properties':{'a':{'type':'string'}},'additionalProperties':false}", "{'type':'object','additionalProperties':false}", K.PropertyRemovedFromClosedContentModel },
        { "{'type':'object','additionalProperties':{'type':'string'}}", "{'type':'object','properties':{'a':{'type':'integer'}},'additionalProperties':{'type':'string'}}", K.PropertyAddedNotCoveredByPartiallyOpenContentModel },
        { "{'type':'object','properties':{'a':{'type':'integer'}},'additionalProperties':{'type':'string'}}", "{'type':'object','additionalProperties':{'type':'string'}}", K.PropertyRemovedNotCoveredByPartiallyOpenContentModel },
    };

    [Theory]
    [MemberData(nameof(LenientOnlyCases))]
    public void CheckCanRead_lenient_only_change_is_refused_by_strict_and_accepted_by_lenient(string writer, string reader, string kind)
    {
        Assert.Contains(Some.Differences(writer, reader), d => d.Kind == kind);
        Assert.False(Some.CanRead(writer, reader, JsonCompatibilityPolicy.Strict));
        Assert.True(Some.CanRead(writer, reader, JsonCompatibilityPolicy.Lenient));
    }

    [Fact]
    public void Lenient_relaxes_exactly_nine_kinds_none_of_them_strict()
    {
        Assert.Equal(9, JsonDifferenceKinds.LenientOnly.Count);
        Assert.Empty(JsonDifferenceKinds.LenientOnly.Intersect(JsonDifferenceKinds.StrictCompatible));
    }

    [Fact]
    public void CheckCanRead_lenient_still_refuses_a_required_property_added()
    {
        Assert.False(Some.CanRead("{'type':'object'}", "{'type':'object','properties':{'a':{'type':'string'}},'required':['a']}", JsonCompatibilityPolicy.Lenient));
        Assert.False(Some.CanRead("{'type':'string'}", "{'type':'integer'}", JsonCompatibilityPolicy.Lenient));
    }
}

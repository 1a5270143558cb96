using Etl.SchemaGovernance.Compatibility.Json;
using K = Etl.SchemaGovernance.Compatibility.Json.JsonDifferenceKinds;

namespace Etl.SchemaGovernance.Tests.Compatibility.Json;

/// <summary>One case per difference kind: the kind is reported at the path, and its STRICT verdict is as the rules say.</summary>
public sealed class JsonDifferenceRulesTests
{
    public static TheoryData<string, string, string, string, bool> Cases => new()
    {
        // original (writer), update (reader), kind, path, compatible under STRICT
        { "{'type':'integer'}", "{'type':'number'}", K.TypeExtended, "#/type", true },
        { "{'type':'number'}", "{'type':'integer'}", K.TypeNarrowed, "#/type", false },
        { "{'type':'string'}", "{'type':'integer'}", K.TypeChanged, "#/type", false },
        { "{'type':'string'}", "{'type':['string','null']}", K.TypeExtended, "#/type", true },
        { "{'type':'string'}", "{'type':'string','maxLength':5}", K.MaxLengthAdded, "#/maxLength", false },
        { "{'type':'string','maxLength':5}", "{'type':'string'}", K.MaxLengthRemoved, "#/maxLength", true },
        { "{'type':'string','maxLength':5}", "{'type':'string','maxLength':9}", K.MaxLengthIncreased, "#/maxLength", true },
        { "{'type':'string','maxLength':9}", "{'type':'string','maxLength':5}", K.MaxLengthDecreased, "#/maxLength", false },
        { "{'type':'string'}", "{'type':'string','minLength':1}", K.MinLengthAdded, "#/minLength", false },
        { "{'type':'string','minLength':1}", "{'type':'string'}", K.MinLengthRemoved, "#/minLength", true },
        { "{'type':'string','minLength':1}", "{'type':'string','minLength':2}", K.MinLengthIncreased, "#/minLength", false },
        { "{'type':'string','minLength':2}", "{'type':'string','minLength':1}", K.MinLengthDecreased, "#/minLength", true },
        { "{'type':'string'}", "{'type':'string','pattern':'^a'}", K.PatternAdded, "#/pattern", false },
        { "{'type':'string','pattern':'^a'}", "{'type':'string'}", K.PatternRemoved, "#/pattern", true },
        { "{'type':'string','pattern':'^a'}", "{'type':'string','pattern':'^b'}", K.PatternChanged, "#/pattern", false },
        { "{'type':'number'}", "{'type':'number','maximum':10}", K.MaximumAdded, "#/maximum", false },
        { "{'type':'number','maximum':10}", "{'type':'number'}", K.MaximumRemoved, "#/maximum", true },
        { "{'type':'number','maximum':10}", "{'type':'number','maximum':11}", K.MaximumIncreased, "#/maximum", true },
        { "{'type':'number','maximum':10}", "{'type':'number','maximum':9.5}", K.MaximumDecreased, "#/maximum", false },
        { "{'type':'number'}", "{'type':'number','minimum':0}", K.MinimumAdded, "#/minimum", false },
        { "{'type':'number','minimum':0}", "{'type':'number'}", K.MinimumRemoved, "#/minimum", true },
        { "{'type':'number','minimum':0}", "{'type':'number','minimum':1}", K.MinimumIncreased, "#/minimum", false },
        { "{'type':'number','minimum':1}", "{'type':'number','minimum':0}", K.MinimumDecreased, "#/minimum", true },
        { "{'type':'number'}", "{'type':'number','exclusiveMaximum':10}", K.ExclusiveMaximumAdded, "#/exclusiveMaximum", false },
        { "{'type':'number','exclusiveMaximum':10}", "{'type':'number'}", K.ExclusiveMaximumRemoved, "#/exclusiveMaximum", true },
        { "{'type':'number','exclusiveMaximum':10}", "{'type':'number','exclusiveMaximum':20}", K.ExclusiveMaximumIncreased, "#/exclusiveMaximum", true },
        { "{'type':'number','exclusiveMaximum':10}", "{'type':'number','exclusiveMaximum':5}", K.ExclusiveMaximumDecreased, "#/exclusiveMaximum", false },
        { "{'type':'number'}", "{'type':'number','exclusiveMinimum':0}", K.ExclusiveMinimumAdded, "#/exclusiveMinimum", false },
        { "{'type':'number','exclusiveMinimum':0}", "{'type':'number'}", K.ExclusiveMinimumRemoved, "#/exclusiveMinimum", true },
        { "{'type':'number','exclusiveMinimum':0}", "{'type':'number','exclusiveMinimum':1}", K.ExclusiveMinimumIncreased, "#/exclusiveMinimum", false },
        { "{'type':'number','exclusiveMinimum':1}", "{'type':'number','exclusiveMinimum':0}", K.ExclusiveMinimumDecreased, "#/exclusiveMinimum", true },
        { "{'type':'number','maximum':5,'exclusiveMaximum':true}", "{'type':'number','maximum':5,'exclusiveMaximum':false}", K.ExclusiveMaximumRemoved, "#/exclusiveMaximum", true },
        { "{'type':'number'}", "{'type':'number','multipleOf':2}", K.MultipleOfAdded, "#/multipleOf", false },
        { "{'type':'number','multipleOf':2}", "{'type':'number'}", K.MultipleOfRemoved, "#/multipleOf", true },
        { "{'type':'number','multipleOf':10}", "{'type':'number','multipleOf':5}", K.MultipleOfReduced, "#/multipleOf", true },
        { "{'type':'number','multipleOf':0.5}", "{'type':'number','multipleOf':0.1}", K.MultipleOfReduced, "#/multipleOf", true },
        { "{'type':'number','multipleOf':5}", "{'type':'number','multipleOf':10}", K.MultipleOfExpanded, "#/multipleOf", false },
        { "{'type':'number','multipleOf':3}", "{'type':'number','multipleOf':5}", K.MultipleOfChanged, "#/multipleOf", false },
        { "{'type':'object','properties':{'a':{'type':'string'}}}", "{'type':'object','properties':{'a':{'type':'string'}},'required':['a']}", K.RequiredAttributeAdded, "#/required/a", false },
        { "{'type':'object','properties':{'a':{'type':'string'}}}", "{'type':'object','properties':{'a':{'type':'string','default':'x'}},'required':['a']}", K.RequiredAttributeWithDefaultAdded, "#/required/a", true },
        { "{'type':'object','properties':{'a':{'type':'string'}},'required':['a']}", "{'type':'object','properties':{'a':{'type':'string'}}}", K.RequiredAttributeRemoved, "#/required/a", true },
        { "{'type':'object'}", "{'type':'object','dependencies':{'a':['b']}}", K.DependencyArrayAdded, "#/dependencies/a", false },
        { "{'type':'object','dependentRequired':{'a':['b']}}", "{'type':'object'}", K.DependencyArrayRemoved, "#/dependentRequired/a", true },
        { "{'type':'object','dependencies':{'a':['b']}}", "{'type':'object','dependencies':{'a':['b','c']}}", K.DependencyArrayExtended, "#/dependencies/a", false },
        { "{'type':'object','dependencies':{'a':['b','c']}}", "{'type':'object','dependentRequired':{'a':['b']}}", K.DependencyArrayNarrowed, "#/dependentRequired/a", true },
        { "{'type':'object','dependencies':{'a':['b']}}", "{'type':'object','dependencies':{'a':['c']}}", K.DependencyArrayChanged, "#/dependencies/a", false },
        { "{'type':'object'}", "{'type':'object','dependentSchemas':{'a':{'required':['b']}}}", K.DependencySchemaAdded, "#/dependentSchemas/a", false },
        { "{'type':'object','dependencies':{'a':{'required':['b']}}}", "{'type':'object'}", K.DependencySchemaRemoved, "#/dependencies/a", true },
        { "{'type':'object'}", "{'type':'object','maxProperties':3}", K.MaxPropertiesAdded, "#/maxProperties", false },
        { "{'type':'object','maxProperties':3}", "{'type':'object'}", K.MaxPropertiesRemoved, "#/maxProperties", true },
        { "{'type':'object','maxProperties':3}", "{'type':'object','maxProperties':4}", K.MaxPropertiesIncreased, "#/maxProperties", true },
        { "{'type':'object','maxProperties':3}", "{'type':'object','maxProperties':2}", K.MaxPropertiesDecreased, "#/maxProperties", false },
        { "{'type':'object'}", "{'type':'object','minProperties':1}", K.MinPropertiesAdded, "#/minProperties", false },
        { "{'type':'object','minProperties':1}", "{'type':'object'}", K.MinPropertiesRemoved, "#/minProperties", true },
        { "{'type':'object','minProperties':1}", "{'type':'object','minProperties':2}", K.MinPropertiesIncreased, "#/minProperties", false },
        { "{'type':'object','minProperties':2}", "{'type':'object','minProperties':1}", K.MinPropertiesDecreased, "#/minProperties", true },
        { "{'type':'object','additionalProperties':false}", "{'type':'object'}", K.AdditionalPropertiesAdded, "#/additionalProperties", true },
        { "{'type':'object'}", "{'type':'object','additionalProperties':false}", K.AdditionalPropertiesRemoved, "#/additionalProperties", false },
        { "{'type':'object','additionalProperties':{'type':'string'}}", "{'type':'object'}", K.AdditionalPropertiesExtended, "#/additionalProperties", true },
        { "{'type':'object'}", "{'type':'object','additionalProperties':{'type':'string'}}", K.AdditionalPropertiesNarrowed, "#/additionalProperties", false },
        { "{'type':'object','unevaluatedProperties':false}", "{'type':'object'}", K.UnevaluatedPropertiesAdded, "#/unevaluatedProperties", true },
        { "{'type':'object'}", "{'type':'object','unevaluatedProperties':false}", K.UnevaluatedPropertiesRemoved, "#/unevaluatedProperties", false },
        { "{'type':'object','unevaluatedProperties':{'type':'string'}}", "{'type':'object'}", K.UnevaluatedPropertiesExtended, "#/unevaluatedProperties", true },
        { "{'type':'object'}", "{'type':'object','unevaluatedProperties':{'type':'string'}}", K.UnevaluatedPropertiesNarrowed, "#/unevaluatedProperties", false },
        { "{'type':'object'}", "{'type':'object','properties':{'a':{}}}", K.PropertyWithEmptySchemaAddedToOpenContentModel, "#/properties/a", true },
        { "{'type':'object'}", "{'type':'object','properties':{'a':{'type':'string'}},'required':['a']}", K.RequiredPropertyAddedToOpenContentModel, "#/properties/a", false },
        { "{'type':'object'}", "{'type':'object','properties':{'a':{'type':'string','default':'x'}},'required':['a']}", K.RequiredPropertyWithDefaultAddedToOpenContentModel, "#/properties/a", false },
        { "{'type':'object'}", "{'type':'object','properties':{'a':{'type':'string'}}}", K.OptionalPropertyAddedToOpenContentModel, "#/properties/a", false },
        { "{'type':'object','additionalProperties':false}", "{'type':'object','properties':{'a':{'type':'string'}},'required':['a'],'additionalProperties':false}", K.RequiredPropertyAddedToUnopenContentModel, "#/properties/a", false },
        { "{'type':'object','additionalProperties':false}", "{'type':'object','properties':{'a':{'type':'string','default':'x'}},'required':['a'],'additionalProperties':false}", K.RequiredPropertyWithDefaultAddedToUnopenContentModel, "#/properties/a", true },
        { "{'type':'object','additionalProperties':false}", "{'type':'object','properties':{'a':{'type':'string'}},'additionalProperties':false}", K.OptionalPropertyAddedToUnopenContentModel, "#/properties/a", true },
        { "{'type':'object','properties':{'a':{'type':'string'}}}", "{'type':'object'}", K.PropertyRemovedFromOpenContentModel, "#/properties/a", true },
        { "{'type':'object','properties':{'a':false},'additionalProperties':false}", "{'type':'object','additionalProperties':false}", K.PropertyWithFalseRemovedFromClosedContentModel, "#/properties/a", true },
        { "{'type':'object','properties':{'a':{'type':'string'}},'additionalProperties':false}", "{'type':'object','additionalProperties':false}", K.PropertyRemovedFromClosedContentModel, "#/properties/a", false },
        { "{'type':'object','additionalProperties':{'type':'string'}}", "{'type':'object','properties':{'a':{'type':'string','maxLength':3}},'additionalProperties':{'type':'string'}}", K.PropertyAddedNotCoveredByPartiallyOpenContentModel, "#/properties/a", false },
        { "{'type':'object','additionalProperties':{'type':'string','maxLength':3}}", "{'type':'object','properties':{'a':{'type':'string'}},'additionalProperties':{'type':'string','maxLength':3}}", K.PropertyAddedIsCoveredByPartiallyOpenContentModel, "#/properties/a", true },
        { "{'type':'object','properties':{'a':{'type':'string'}},'additionalProperties':{'type':'string'}}", "{'type':'object','additionalProperties':{'type':'string'}}", K.PropertyRemovedIsCoveredByPartiallyOpenContentModel, "#/properties/a", true },
        { "{'type':'object','properties':{'a':{'type':'integer'}},'additionalProperties':{'type':'string'}}", "{'type':'object','additionalProperties':{'type':'string'}}", K.PropertyRemovedNotCoveredByPartiallyOpenContentModel, "#/properties/a", false },
        { "{'type':'array'}", "{'type':'array','maxItems':3}", K.MaxItemsAdded, "#/maxItems", false },
        { "{'type':'array','maxItems':3}", "{'type':'array'}", K.MaxItemsRemoved, "#/maxItems", true },
        { "{'type':'array','maxItems':3}", "{'type':'array','maxItems':4}", K.MaxItemsIncreased, "#/maxItems", true },
        { "{'type':'array','maxItems':3}", "{'type':'array','maxItems':2}", K.MaxItemsDecreased, "#/maxItems", false },
        { "{'type':'array'}", "{'type':'array','minItems':1}", K.MinItemsAdded, "#/minItems", false },
        { "{'type':'array','minItems':1}", "{'type':'array'}", K.MinItemsRemoved, "#/minItems", true },
        { "{'type':'array','minItems':1}", "{'type':'array','minItems':2}", K.MinItemsIncreased, "#/minItems", false },
        { "{'type':'array','minItems':2}", "{'type':'array','minItems':1}", K.MinItemsDecreased, "#/minItems", true },
        { "{'type':'array'}", "{'type':'array','uniqueItems':true}", K.UniqueItemsAdded, "#/uniqueItems", false },
        { "{'type':'array','uniqueItems':true}", "{'type':'array'}", K.UniqueItemsRemoved, "#/uniqueItems", true },
        { "{'type':'array','items':[{'type':'string'}],'additionalItems':false}", "{'type':'array','items':[{'type':'string'}]}", K.AdditionalItemsAdded, "#/additionalItems", true },
        { "{'type':'array','items':[{'type':'string'}]}", "{'type':'array','items':[{'type':'string'}],'additionalItems':false}", K.AdditionalItemsRemoved, "#/additionalItems", false },
        { "{'type':'array','items':[{'type':'string'}],'additionalItems':{'type':'string'}}", "{'type':'array','items':[{'type':'string'}]}", K.AdditionalItemsExtended, "#/additionalItems", true },
        { "{'type':'array','items':[{'type':'string'}]}", "{'type':'array','items':[{'type':'string'}],'additionalItems':{'type':'string'}}", K.AdditionalItemsNarrowed, "#/additionalItems", false },
        { "{'type':'array','items':[{'type':'string'}]}", "{'type':'array','items':[{'type':'string'},{}]}", K.ItemWithEmptySchemaAddedToOpenContentModel, "#/items/1", true },
        { "{'type':'array','items':[{'type':'string'}]}", "{'type':'array','items':[{'type':'string'},{'type':'integer'}]}", K.ItemAddedToOpenContentModel, "#/items/1", false },
        { "{'type':'array','items':[{'type':'string'}],'additionalItems':false}", "{'type':'array','items':[{'type':'string'},{'type':'integer'}],'additionalItems':false}", K.ItemAddedToClosedContentModel, "#/items/1", true },
        { "{'type':'array','items':[{'type':'string'},{'type':'integer'}]}", "{'type':'array','items':[{'type':'string'}]}", K.ItemRemovedFromOpenContentModel, "#/items/1", true },
        { "{'type':'array','items':[{'type':'string'},{'type':'integer'}],'additionalItems':false}", "{'type':'array','items':[{'type':'string'}],'additionalItems':false}", K.ItemRemovedFromClosedContentModel, "#/items/1", false },
        { "{'type':'array','items':{'type':'string','maxLength':3}}", "{'type':'array','prefixItems':[{'type':'string'}],'items':{'type':'string','maxLength':3}}", K.ItemAddedIsCoveredByPartiallyOpenContentModel, "#/prefixItems/0", true },
        { "{'type':'array','items':{'type':'string'}}", "{'type':'array','prefixItems':[{'type':'string','maxLength':3}],'items':{'type':'string'}}", K.ItemAddedNotCoveredByPartiallyOpenContentModel, "#/prefixItems/0", false },
        { "{'type':'array','prefixItems':[{'type':'string','maxLength':3}],'items':{'type':'string'}}", "{'type':'array','items':{'type':'string'}}", K.ItemRemovedIsCoveredByPartiallyOpenContentModel, "#/prefixItems/0", true },
        { "{'type':'array','prefixItems':[{'type':'integer'}],'items':{'type':'string'}}", "{'type':'array','items':{'type':'string'}}", K.ItemRemovedNotCoveredByPartiallyOpenContentModel, "#/prefixItems/0", false },
        { "{'enum':['a','b']}", "{'enum':['a','b','c']}", K.EnumArrayExtended, "#/enum", true },
        { "{'enum':['a','b','c']}", "{'enum':['a','b']}", K.EnumArrayNarrowed, "#/enum", false },
        { "{'enum':['a','b']}", "{'enum':['a','c']}", K.EnumArrayChanged, "#/enum", false },
        { "{'type':'string'}", "{'type':'string','enum':['a']}", K.EnumArrayNarrowed, "#/enum", false },
        { "{'oneOf':[{'type':'string'},{'type':'integer'}]}", "{'anyOf':[{'type':'string'},{'type':'integer'}]}", K.CombinedTypeExtended, "#/anyOf", true },
        { "{'anyOf':[{'type':'string'},{'type':'integer'}]}", "{'oneOf':[{'type':'string'},{'type':'integer'}]}", K.CombinedTypeChanged, "#/oneOf", false },
        { "{'allOf':[{'type':'number'},{'maximum':5}]}", "{'allOf':[{'type':'number'},{'maximum':5},{'minimum':0}]}", K.ProductTypeExtended, "#/allOf", false },
        { "{'allOf':[{'type':'number'},{'maximum':5}]}", "{'allOf':[{'type':'number'}]}", K.ProductTypeNarrowed, "#/allOf", true },
        { "{'type':'string'}", "{'oneOf':[{'type':'string'},{'type':'null'}]}", K.SumTypeExtended, "#/oneOf", true },
        { "{'oneOf':[{'type':'string'},{'type':'null'}]}", "{'oneOf':[{'type':'string'}]}", K.SumTypeNarrowed, "#/oneOf", false },
        { "{'oneOf':[{'type':'string'},{'type':'null'}]}", "{'oneOf':[{'type':'string'},{'type':'boolean'}]}", K.CombinedTypeSubschemasChanged, "#/oneOf", false },
        { "{'type':'string'}", "{'type':'string','not':{'enum':['x']}}", K.NotTypeExtended, "#/not", false },
        { "{'type':'string','not':{'enum':['x']}}", "{'type':'string'}", K.NotTypeNarrowed, "#/not", true },
        { "{'type':'string','not':{'enum':['x','y']}}", "{'type':'string','not':{'enum':['x']}}", K.NotTypeNarrowed, "#/not", true },
        { "{'type':'string','title':'a'}", "{'type':'string','title':'b'}", K.TitleChanged, "#/title", true },
        { "{'type':'string','description':'a'}", "{'type':'string'}", K.DescriptionChanged, "#/description", true },
        { "{'type':'string','default':'a'}", "{'type':'string','default':'b'}", K.DefaultChanged, "#/default", true },
        { "{'$id':'urn:a','type':'string'}", "{'$id':'urn:b','type':'string'}", K.IdChanged, "#/$id", true },
        { "{}", "{'type':'string'}", K.TypeNarrowed, "#", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Differences_rule_case_reports_kind_at_path_with_strict_verdict(string original, string update, string kind, string path, bool compatible)
    {
        var differences = Some.Differences(original, update);

        Assert.Contains(differences, d => d.Kind == kind && d.Path == path);
        Assert.Equal(compatible, JsonDifferenceKinds.IsCompatible(kind, JsonCompatibilityPolicy.Strict));
        Assert.Equal(compatible && differences.All(d => JsonDifferenceKinds.IsCompatible(d.Kind, JsonCompatibilityPolicy.Strict)),
            Some.CanRead(original, update));
    }

    [Fact]
    public void Rule_cases_cover_every_kind()
    {
        var covered = Cases.Select(row => (string)row[2]).ToHashSet(StringComparer.Ordinal);
        var declared = typeof(JsonDifferenceKinds).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        var missing = declared.Where(k => !covered.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "Kinds without a rule case: " + string.Join(", ", missing));
    }
}

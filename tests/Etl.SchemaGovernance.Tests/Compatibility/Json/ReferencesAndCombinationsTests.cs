using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Compatibility.Json;
using K = Etl.SchemaGovernance.Compatibility.Json.JsonDifferenceKinds;

namespace Etl.SchemaGovernance.Tests.Compatibility.Json;

public sealed class ReferencesAndCombinationsTests
{
    [Fact]
    public void Differences_ref_to_definitions_is_followed_in_place()
    {
        var differences = Some.Differences(
            "{'definitions':{'zip':{'type':'string','maxLength':10}},'type':'object','properties':{'zip':{'$ref':'#/definitions/zip'}}}",
            "{'$defs':{'code':{'type':'string','maxLength':5}},'type':'object','properties':{'zip':{'$ref':'#/$defs/code'}}}");

        var difference = Assert.Single(differences);
        Assert.Equal((K.MaxLengthDecreased, "#/properties/zip/maxLength", "10 -> 5"), (difference.Kind, difference.Path, difference.Detail));
    }

    [Fact]
    public void Differences_ref_with_escaped_pointer_resolves()
    {
        var differences = Some.Differences(
            "{'definitions':{'a/b':{'type':'integer'}},'$ref':'#/definitions/a~1b'}",
            "{'definitions':{'a/b':{'type':'number'}},'$ref':'#/definitions/a~1b'}");

        Assert.Contains(differences, d => d.Kind == K.TypeExtended && d.Path == "#/type");
    }

    [Fact]
    public void Differences_recursive_schema_against_itself_terminates_without_differences()
    {
        const string tree = "{'$ref':'#/definitions/node','definitions':{'node':{'type':'object','properties':{'value':{'type':'integer'},'children':{'type':'array','items':{'$ref':'#/definitions/node'}}}}}}";

        // A comment makes the documents differ, so the whole recursive structure is walked.
        var commented = tree.Replace("'node':{'type'", "'node':{'$comment':'tree node','type'", StringComparison.Ordinal);

        Assert.NotEqual(tree, commented);
        Assert.Empty(Some.Differences(tree, commented));
    }

    [Fact]
    public void Differences_recursive_schema_change_is_found_once_at_the_first_level()
    {
        const string before = "{'$ref':'#/definitions/node','definitions':{'node':{'type':'object','properties':{'value':{'type':'integer'},'next':{'$ref':'#/definitions/node'}}}}}";
        var after = before.Replace("'value':{'type':'integer'}", "'value':{'type':'number'}", StringComparison.Ordinal);

        var differences = Some.Differences(before, after);

        var difference = Assert.Single(differences);
        Assert.Equal("#/properties/value/type", difference.Path);
        Assert.Equal(K.TypeExtended, difference.Kind);
    }

    [Fact]
    public void Differences_mutually_recursive_definitions_terminate()
    {
        const string before = "{'$ref':'#/$defs/a','$defs':{'a':{'type':'object','properties':{'b':{'$ref':'#/$defs/b'}}},'b':{'type':'object','properties':{'a':{'$ref':'#/$defs/a'},'n':{'type':'string'}}}}}";
        var after = before.Replace("'n':{'type':'string'}", "'n':{'type':'string','maxLength':3}", StringComparison.Ordinal);

        var differences = Some.Differences(before, after);

        Assert.Contains(differences, d => d.Kind == K.MaxLengthAdded && d.Path == "#/properties/b/properties/n/maxLength");
    }

    [Fact]
    public void Validate_ref_cycle_without_schema_is_rejected()
    {
        var checker = new JsonSchemaPairwiseChecker();

        var error = Assert.Throws<SchemaDefinitionException>(() => checker.Validate(Some.Json("{'$ref':'#/definitions/a','definitions':{'a':{'$ref':'#/definitions/b'},'b':{'$ref':'#/definitions/a'}}}")));

        Assert.Contains("does not end", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{'$ref':'other.json#/a'}", "not a local reference")]
    [InlineData("{'$ref':'#/definitions/none'}", "points to nothing")]
    [InlineData("{'type':'object','properties':{'a':{'type':'strin'}}}", "#/properties/a/type")]
    [InlineData("{'type':'string','pattern':'('}", "#/pattern")]
    [InlineData("{'type':'number','multipleOf':0}", "#/multipleOf")]
    [InlineData("{'type':'string','minLength':-1}", "#/minLength")]
    [InlineData("{'oneOf':[]}", "#/oneOf")]
    [InlineData("{'required':'a'}", "#/required")]
    [InlineData("42", "object or a boolean")]
    public void Validate_invalid_schema_names_the_problem_and_place(string schema, string expected)
    {
        var error = Assert.Throws<SchemaDefinitionException>(() => new JsonSchemaPairwiseChecker().Validate(Some.Json(schema)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Differences_union_branch_reordered_is_compatible()
    {
        Assert.True(Some.CanRead("{'oneOf':[{'type':'string'},{'type':'integer'}]}", "{'oneOf':[{'type':'integer'},{'type':'string'}]}"));
    }

    [Fact]
    public void Differences_union_branch_widened_reports_nested_difference_at_the_reader_branch()
    {
        var differences = Some.Differences(
            "{'anyOf':[{'type':'string','maxLength':5},{'type':'null'}]}",
            "{'anyOf':[{'type':'null'},{'type':'string','maxLength':9}]}");

        Assert.Contains(differences, d => d.Kind == K.MaxLengthIncreased && d.Path == "#/anyOf/1/maxLength");
        Assert.True(Some.CanRead("{'anyOf':[{'type':'string','maxLength':5},{'type':'null'}]}", "{'anyOf':[{'type':'null'},{'type':'string','maxLength':9}]}"));
    }

    [Fact]
    public void Differences_union_branch_narrowed_reports_subschemas_changed_and_the_nested_reason()
    {
        var differences = Some.Differences(
            "{'oneOf':[{'type':'string','maxLength':9},{'type':'null'}]}",
            "{'oneOf':[{'type':'string','maxLength':5},{'type':'null'}]}");

        Assert.Contains(differences, d => d.Kind == K.CombinedTypeSubschemasChanged && d.Path == "#/oneOf");
        Assert.Contains(differences, d => d.Kind == K.MaxLengthDecreased && d.Path == "#/oneOf/0/maxLength");
    }

    [Fact]
    public void Differences_union_to_single_branch_type_it_covers_is_compatible_only_if_all_branches_fit()
    {
        Assert.True(Some.CanRead("{'oneOf':[{'type':'integer'},{'type':'number','maximum':3}]}", "{'type':'number'}"));
        var differences = Some.Differences("{'oneOf':[{'type':'integer'},{'type':'string'}]}", "{'type':'integer'}");
        Assert.Contains(differences, d => d.Kind == K.SumTypeNarrowed);
    }

    [Fact]
    public void Differences_plain_type_into_union_without_matching_branch_is_type_changed()
    {
        Assert.Contains(Some.Differences("{'type':'boolean'}", "{'oneOf':[{'type':'string'},{'type':'null'}]}"), d => d.Kind == K.TypeChanged);
    }

    [Fact]
    public void Differences_object_with_combiner_beside_properties_compares_both_parts()
    {
        const string before = "{'type':'object','properties':{'id':{'type':'string'}},'anyOf':[{'required':['id']},{'required':['key']}]}";
        var widened = before.Replace("'id':{'type':'string'}", "'id':{'type':['string','null']}", StringComparison.Ordinal);
        var extraConstraint = before.Replace("'anyOf':[{'required':['id']},{'required':['key']}]", "'anyOf':[{'required':['id']}]", StringComparison.Ordinal);

        Assert.True(Some.CanRead(before, widened));
        Assert.Contains(Some.Differences(before, widened), d => d.Kind == K.TypeExtended && d.Path == "#/properties/id/type");
        Assert.False(Some.CanRead(before, extraConstraint));
    }

    [Fact]
    public void Differences_constraint_moved_into_all_of_is_recognised()
    {
        Assert.True(Some.CanRead("{'allOf':[{'type':'string'},{'maxLength':3}]}", "{'type':'string'}"));
        Assert.False(Some.CanRead("{'type':'string'}", "{'allOf':[{'type':'string'},{'maxLength':3}]}"));
    }

    [Fact]
    public void Differences_gsr_integration_example_drop_field_widen_type_raise_maximum_is_backward_compatible()
    {
        const string v1 = "{'type':'object','properties':{'f1':{'type':'string'},'f2':{'type':'integer','maximum':50}}}";
        const string v2 = "{'type':'object','properties':{'f2':{'type':'number','maximum':1000}}}";

        Assert.True(Some.CanRead(v1, v2));
    }

    [Fact]
    public void Engine_full_mode_optional_property_added_to_open_model_is_refused_under_strict()
    {
        var engine = new CompatibilityEngine(new JsonSchemaPairwiseChecker());
        var v1 = Some.Json("{'type':'object','properties':{'id':{'type':'string'}}}");
        var v2 = Some.Json("{'type':'object','properties':{'id':{'type':'string'},'note':{'type':'string'}}}");

        var report = engine.Check(CompatibilityMode.Full, v2, [new(1, v1)]);

        var issue = Assert.Single(report.Issues);
        Assert.Equal((K.OptionalPropertyAddedToOpenContentModel, CompatibilityDirection.Backward, "#/properties/note"), (issue.Kind, issue.Direction, issue.Path));
    }

    [Fact]
    public void Differences_draft4_exclusive_flag_is_read_as_numeric_exclusive_bound()
    {
        var differences = Some.Differences(
            "{'type':'number','maximum':10,'exclusiveMaximum':true}",
            "{'type':'number','exclusiveMaximum':12}");

        var difference = Assert.Single(differences);
        Assert.Equal(K.ExclusiveMaximumIncreased, difference.Kind);
    }

    [Fact]
    public void Differences_identical_documents_have_no_differences()
    {
        const string schema = "{'type':'object','properties':{'a':{'type':'array','items':{'type':'string'}}},'required':['a']}";

        Assert.Empty(Some.Differences(schema, schema));
    }

    [Fact]
    public void CheckCanRead_issue_message_names_the_values()
    {
        var issue = Assert.Single(new JsonSchemaPairwiseChecker().CheckCanRead(
            Some.Json("{'type':'string','maxLength':5}"), Some.Json("{'type':'string','maxLength':9}")));

        Assert.Equal("Max length decreased: 9 -> 5.", issue.Message);
    }

    [Fact]
    public void Differences_dependency_schema_change_is_compared_at_its_path()
    {
        var differences = Some.Differences(
            "{'type':'object','dependencies':{'card':{'properties':{'cvv':{'type':'string','maxLength':4}}}}}",
            "{'type':'object','dependencies':{'card':{'properties':{'cvv':{'type':'string','maxLength':3}}}}}");

        Assert.Contains(differences, d => d.Kind == K.MaxLengthDecreased && d.Path == "#/dependencies/card/properties/cvv/maxLength");
    }

    [Fact]
    public void Differences_property_names_and_contains_are_compared()
    {
        Assert.Contains(Some.Differences("{'type':'object'}", "{'type':'object','propertyNames':{'maxLength':8}}"),
            d => d.Kind == K.TypeNarrowed && d.Path == "#/propertyNames");
        Assert.Contains(Some.Differences("{'type':'object','propertyNames':{'maxLength':8}}", "{'type':'object','propertyNames':{'maxLength':4}}"),
            d => d.Kind == K.MaxLengthDecreased && d.Path == "#/propertyNames/maxLength");
        Assert.True(Some.CanRead("{'type':'array','contains':{'type':'integer'}}", "{'type':'array','contains':{'type':'number'}}"));
        Assert.False(Some.CanRead("{'type':'array'}", "{'type':'array','contains':{'type':'number'}}"));
        Assert.True(Some.CanRead("{'type':'array','contains':{'type':'number'}}", "{'type':'array'}"));
    }
}

using Etl.SchemaGovernance.JsonSchema;

namespace Etl.SchemaGovernance.Tests.JsonSchema;

/// <summary>The draft-07 JSON-Schema-Test-Suite: every required test, plus the optional ones for what we claim.</summary>
public sealed class Draft7ConformanceTests
{
    private const string Draft = "draft7";

    /// <summary>
    /// Optional files we run: bignum, float overflow, non-BMP regex, the ECMA-262 regex dialect checks, ids and
    /// unknown keywords, and the format files for the formats <see cref="FormatValidator.Claimed"/> lists. Not run:
    /// content.json (contentEncoding / contentMediaType are annotations here), cross-draft.json (2019-09 refs),
    /// and the formats we do not assert (hostname, idn-*, iri*, uri-template).
    /// </summary>
    public static readonly string[] OptionalFiles =
    [
        "optional/bignum.json", "optional/float-overflow.json", "optional/non-bmp-regex.json",
        "optional/ecmascript-regex.json", "optional/id.json", "optional/unknownKeyword.json",
        "optional/format/date-time.json", "optional/format/date.json", "optional/format/time.json",
        "optional/format/email.json", "optional/format/ipv4.json",
        "optional/format/ipv6.json", "optional/format/uri.json", "optional/format/uri-reference.json",
        "optional/format/json-pointer.json", "optional/format/relative-json-pointer.json", "optional/format/regex.json",
        "optional/format/unknown.json",
    ];

    public static IEnumerable<object[]> RequiredCases() => ConformanceSuite.Cases(Draft, ConformanceSuite.RequiredFiles(Draft));

    public static IEnumerable<object[]> OptionalCases() => ConformanceSuite.Cases(Draft, OptionalFiles);

    [Theory]
    [MemberData(nameof(RequiredCases))]
    public void Required_suite_case_matches_expected_validity(string file, int group, int test, string description)
    {
        var (expected, actual, detail) = ConformanceSuite.Run(Draft, JsonSchemaDraft.Draft7, file, group, test);

        Assert.True(expected == actual, $"{file} [{group}/{test}] {description}: expected {(expected ? "valid" : "invalid")}, got {detail}");
    }

    [Theory]
    [MemberData(nameof(OptionalCases))]
    public void Optional_suite_case_matches_expected_validity(string file, int group, int test, string description)
    {
        var (expected, actual, detail) = ConformanceSuite.Run(Draft, JsonSchemaDraft.Draft7, file, group, test);

        Assert.True(expected == actual, $"{file} [{group}/{test}] {description}: expected {(expected ? "valid" : "invalid")}, got {detail}");
    }

    [Fact]
    public void Suite_has_the_expected_number_of_required_cases()
    {
        Assert.True(RequiredCases().Count() >= 900, "the draft-07 suite was not found or is incomplete");
    }
}

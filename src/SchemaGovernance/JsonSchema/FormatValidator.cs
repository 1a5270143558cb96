namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>Checks one string format. Formats we do not claim are not validated (they are annotations).</summary>
internal sealed class FormatValidator
{
    private readonly Func<ReadOnlySpan<char>, bool> check;

    private FormatValidator(string name, Func<ReadOnlySpan<char>, bool> check)
    {
        Name = name;
        this.check = check;
    }

    public string Name { get; }

    public bool IsValid(ReadOnlySpan<char> text) => check(text);

    /// <summary>The validator for a format name, or null when the format is not asserted.</summary>
    public static FormatValidator? For(string name) => name switch
    {
        "date-time" => DateTime,
        "date" => Date,
        "time" => Time,
        "email" => new FormatValidator(name, Formats.IsEmail),
        "ipv4" => new FormatValidator(name, Formats.IsIPv4),
        "ipv6" => new FormatValidator(name, Formats.IsIPv6),
        "uri" => new FormatValidator(name, Formats.IsUri),
        "uri-reference" => new FormatValidator(name, Formats.IsUriReference),
        "uuid" => new FormatValidator(name, Formats.IsUuid),
        "json-pointer" => new FormatValidator(name, Formats.IsJsonPointer),
        "relative-json-pointer" => new FormatValidator(name, Formats.IsRelativeJsonPointer),
        "regex" => new FormatValidator(name, Formats.IsRegex),
        _ => null,
    };

    /// <summary>The formats this validator asserts (documented in docs/type-mapping.md).</summary>
    public static IReadOnlyList<string> Claimed { get; } =
    [
        "date-time", "date", "time", "email", "ipv4", "ipv6", "uri", "uri-reference", "uuid",
        "json-pointer", "relative-json-pointer", "regex",
    ];

    private static FormatValidator DateTime { get; } = new("date-time", s => Rfc3339.TryParseDateTime(s, out _));

    private static FormatValidator Date { get; } = new("date", s => Rfc3339.TryParseDate(s, out _));

    private static FormatValidator Time { get; } = new("time", Rfc3339.IsTime);
}

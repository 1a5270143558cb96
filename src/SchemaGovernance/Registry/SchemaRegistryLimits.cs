using System.Text.RegularExpressions;

namespace Etl.SchemaGovernance.Registry;

/// <summary>Glue's request constraints (botocore Glue model), enforced with <see cref="SchemaRegistryErrorCode.InvalidInput"/> errors.</summary>
public static partial class SchemaRegistryLimits
{
    public const int MaxNameLength = 255;
    public const int MaxDefinitionLength = 170_000;
    public const int MaxDescriptionLength = 2048;
    public const int MaxMetadataPairsPerVersion = 10;
    public const int MaxMetadataKeyLength = 128;
    public const int MaxMetadataValueLength = 256;
    public const long MaxVersionNumber = 100_000;

    /// <summary>The registry created on demand when a schema names it and it does not exist.</summary>
    public const string DefaultRegistryName = "default-registry";

    public static void ValidateName(string? name, string what)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !NamePattern().IsMatch(name))
        {
            throw Invalid($"{what} '{name}' is invalid: use 1 to {MaxNameLength} letters, digits, '-', '_', '$', '#' or '.'.");
        }
    }

    public static void ValidateDefinition(string? definition)
    {
        if (string.IsNullOrWhiteSpace(definition))
        {
            throw Invalid("The schema definition is empty.");
        }

        if (definition.Length > MaxDefinitionLength)
        {
            throw Invalid($"The schema definition has {definition.Length} characters; at most {MaxDefinitionLength} are allowed.");
        }
    }

    public static void ValidateDescription(string? description)
    {
        if (description is null)
        {
            return;
        }

        if (description.Length > MaxDescriptionLength)
        {
            throw Invalid($"The description has {description.Length} characters; at most {MaxDescriptionLength} are allowed.");
        }

        for (var i = 0; i < description.Length; i++)
        {
            var c = description[i];
            if (char.IsHighSurrogate(c) && i + 1 < description.Length && char.IsLowSurrogate(description[i + 1]))
            {
                i++;
                continue;
            }

            var allowed = c is '\t' or '\n' or '\r' || (c >= '\u0020' && c <= '\uD7FF') || (c >= '\uE000' && c <= '\uFFFD');
            if (!allowed)
            {
                throw Invalid($"The description contains a character that is not allowed (U+{(int)c:X4}) at position {i}.");
            }
        }
    }

    public static void ValidateMetadata(string? key, string? value)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxMetadataKeyLength || !MetadataPattern().IsMatch(key))
        {
            throw Invalid($"Metadata key '{key}' is invalid: 1 to {MaxMetadataKeyLength} characters of [a-zA-Z0-9+-=._./@].");
        }

        if (string.IsNullOrEmpty(value) || value.Length > MaxMetadataValueLength || !MetadataPattern().IsMatch(value))
        {
            throw Invalid($"Metadata value '{value}' is invalid: 1 to {MaxMetadataValueLength} characters of [a-zA-Z0-9+-=._./@].");
        }
    }

    public static void ValidateVersionNumber(long number, string what)
    {
        if (number < 1 || number > MaxVersionNumber)
        {
            throw Invalid($"{what} {number} is out of range 1..{MaxVersionNumber}.");
        }
    }

    internal static SchemaRegistryException Invalid(string message) => new(SchemaRegistryErrorCode.InvalidInput, message);

    [GeneratedRegex("^[a-zA-Z0-9\\-_$#.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    // Glue's pattern [a-zA-Z0-9+-=._./@]+ taken literally: "+-=" is the range '+'..'='.
    [GeneratedRegex("^[a-zA-Z0-9+-=._./@]+$", RegexOptions.CultureInvariant)]
    private static partial Regex MetadataPattern();

    /// <summary>Checks both names of a schema id; throws InvalidInput naming the bad one.</summary>
    public static SchemaId ValidateSchemaId(SchemaId? id)
    {
        ArgumentNullException.ThrowIfNull(id);
        ValidateName(id.RegistryName, "Registry name");
        ValidateName(id.SchemaName, "Schema name");
        return id;
    }

    /// <summary>The Glue data format name (AVRO or JSON) of a format given in any case; throws InvalidInput otherwise.</summary>
    public static string NormalizeFormat(string? format) =>
        format?.ToUpperInvariant() switch
        {
            "AVRO" => "AVRO",
            "JSON" => "JSON",
            _ => throw Invalid($"Data format '{format}' is not supported; use AVRO or JSON."),
        };
}

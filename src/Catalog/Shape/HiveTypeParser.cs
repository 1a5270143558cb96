using System.Globalization;
using Etl.Core.Columns;

namespace Etl.Catalog.Shape;

/// <summary>
/// Parses the Hive DDL type strings that <see cref="ColumnType.ToHiveType"/> writes back into column types, so a table
/// read from the catalog can be compared with an incoming schema. Hive types have no nullability: every field comes
/// back nullable.
/// </summary>
public static class HiveTypeParser
{
    /// <summary>Parses a type such as <c>struct&lt;a:int,b:array&lt;string&gt;&gt;</c>.</summary>
    /// <exception cref="FormatException">The text is not a type the pipeline writes (e.g. <c>varchar(10)</c>, <c>tinyint</c>).</exception>
    public static ColumnType Parse(string hiveType)
    {
        ArgumentNullException.ThrowIfNull(hiveType);
        var pos = 0;
        var type = ParseType(hiveType, ref pos);
        SkipSpaces(hiveType, ref pos);
        if (pos != hiveType.Length)
        {
            throw Error(hiveType, pos, "unexpected trailing text");
        }

        return type;
    }

    private static ColumnType ParseType(string s, ref int pos)
    {
        SkipSpaces(s, ref pos);
        var start = pos;
        while (pos < s.Length && char.IsAsciiLetter(s[pos]))
        {
            pos++;
        }

        var word = s[start..pos].ToLowerInvariant();
        switch (word)
        {
            case "boolean": return ColumnType.Boolean;
            case "int" or "integer": return ColumnType.Int32;
            case "bigint": return ColumnType.Int64;
            case "float" or "real": return ColumnType.Float;
            case "double": return ColumnType.Double;
            case "string": return ColumnType.String;
            case "binary": return ColumnType.Binary;
            case "date": return ColumnType.Date;
            case "timestamp": return ColumnType.Timestamp;
            case "decimal":
                {
                    Expect(s, ref pos, '(');
                    var precision = ReadInt(s, ref pos);
                    Expect(s, ref pos, ',');
                    var scale = ReadInt(s, ref pos);
                    Expect(s, ref pos, ')');
                    return ColumnType.DecimalOf(precision, scale);
                }

            case "array":
                {
                    Expect(s, ref pos, '<');
                    var element = ParseType(s, ref pos);
                    Expect(s, ref pos, '>');
                    return ColumnType.ListOf(element);
                }

            case "map":
                {
                    Expect(s, ref pos, '<');
                    var key = ParseType(s, ref pos);
                    Expect(s, ref pos, ',');
                    var value = ParseType(s, ref pos);
                    Expect(s, ref pos, '>');
                    return ColumnType.MapOf(key, value);
                }

            case "struct":
                {
                    Expect(s, ref pos, '<');
                    var fields = new List<ColumnField>();
                    SkipSpaces(s, ref pos);
                    if (pos < s.Length && s[pos] == '>')
                    {
                        pos++;
                        return ColumnType.StructOf(fields);
                    }

                    while (true)
                    {
                        SkipSpaces(s, ref pos);
                        var nameStart = pos;
                        while (pos < s.Length && s[pos] != ':' && s[pos] != ',' && s[pos] != '>' && s[pos] != '<')
                        {
                            pos++;
                        }

                        var name = s[nameStart..pos].Trim();
                        if (name.Length == 0)
                        {
                            throw Error(s, pos, "struct field name expected");
                        }

                        Expect(s, ref pos, ':');
                        fields.Add(new ColumnField(name, ParseType(s, ref pos)));
                        SkipSpaces(s, ref pos);
                        if (pos < s.Length && s[pos] == ',')
                        {
                            pos++;
                            continue;
                        }

                        Expect(s, ref pos, '>');
                        return ColumnType.StructOf(fields);
                    }
                }

            default:
                throw Error(s, start, word.Length == 0 ? "type name expected" : $"unsupported type '{word}'");
        }
    }

    private static int ReadInt(string s, ref int pos)
    {
        SkipSpaces(s, ref pos);
        var start = pos;
        while (pos < s.Length && char.IsAsciiDigit(s[pos]))
        {
            pos++;
        }

        if (start == pos)
        {
            throw Error(s, pos, "number expected");
        }

        return int.Parse(s.AsSpan(start, pos - start), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static void Expect(string s, ref int pos, char c)
    {
        SkipSpaces(s, ref pos);
        if (pos >= s.Length || s[pos] != c)
        {
            throw Error(s, pos, $"'{c}' expected");
        }

        pos++;
    }

    private static void SkipSpaces(string s, ref int pos)
    {
        while (pos < s.Length && s[pos] == ' ')
        {
            pos++;
        }
    }

    private static FormatException Error(string s, int pos, string what) =>
        new($"Hive type '{s}' at {pos.ToString(CultureInfo.InvariantCulture)}: {what}");
}

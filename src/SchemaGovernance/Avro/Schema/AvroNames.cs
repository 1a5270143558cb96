namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>Name rules of the specification.</summary>
internal static class AvroNames
{
    private static readonly HashSet<string> PrimitiveNames =
        new(["null", "boolean", "int", "long", "float", "double", "bytes", "string"], StringComparer.Ordinal);

    public static bool IsPrimitiveName(string name) => PrimitiveNames.Contains(name);

    /// <summary>True when <paramref name="name"/> matches <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    public static bool IsValidName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name[1..])
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when every dot-separated part of <paramref name="dotted"/> is a valid name.</summary>
    public static bool IsValidFullName(string dotted)
    {
        foreach (var range in dotted.AsSpan().Split('.'))
        {
            if (!IsValidName(dotted.AsSpan()[range]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for the empty (null) namespace or a dotted sequence of valid names.</summary>
    public static bool IsValidNamespace(string ns) => ns.Length == 0 || IsValidFullName(ns);
}

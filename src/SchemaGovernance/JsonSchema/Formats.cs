using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>Checks for the string formats we assert, following the RFCs that draft 7 names for each.</summary>
internal static class Formats
{
    public static bool IsEmail(ReadOnlySpan<char> s)
    {
        var at = s.LastIndexOf('@');
        if (at <= 0 || at == s.Length - 1)
        {
            return false;
        }

        var local = s[..at];
        var domain = s[(at + 1)..];
        if (local[0] == '"')
        {
            if (local.Length < 2 || local[^1] != '"')
            {
                return false;
            }
        }
        else
        {
            if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var c in local)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".Contains(c, StringComparison.Ordinal)))
                {
                    return false;
                }
            }
        }

        if (domain[0] == '[')
        {
            if (domain[^1] != ']')
            {
                return false;
            }

            var literal = domain[1..^1];
            return literal.StartsWith("IPv6:", StringComparison.Ordinal) ? IsIPv6(literal[5..]) : IsIPv4(literal);
        }

        return IsHostname(domain);
    }

    public static bool IsHostname(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || s.Length > 253)
        {
            return false;
        }

        foreach (var range in s.Split('.'))
        {
            var label = s[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }

            if (label.Length >= 4 && label[2] == '-' && label[3] == '-' && !label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsIPv4(ReadOnlySpan<char> s)
    {
        var parts = 0;
        foreach (var range in s.Split('.'))
        {
            var part = s[range];
            parts++;
            if (parts > 4 || part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            var value = 0;
            foreach (var c in part)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            if (value > 255)
            {
                return false;
            }
        }

        return parts == 4;
    }

    public static bool IsIPv6(ReadOnlySpan<char> s)
    {
        if (s.Length is 0 or > 45)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c) && c != ':' && c != '.')
            {
                return false;
            }
        }

        var lastColon = s.LastIndexOf(':');
        if (lastColon >= 0 && s[(lastColon + 1)..].Contains('.') && !IsIPv4(s[(lastColon + 1)..]))
        {
            return false;
        }

        return IPAddress.TryParse(s, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    public static bool IsUuid(ReadOnlySpan<char> s)
    {
        if (s.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            var dash = i is 8 or 13 or 18 or 23;
            if (dash ? s[i] != '-' : !char.IsAsciiHexDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsUri(ReadOnlySpan<char> s)
    {
        var colon = s.IndexOf(':');
        return colon > 0 && IsScheme(s[..colon]) && IsUriReference(s);
    }

    /// <summary>RFC 3986 URI-reference: a character-level check plus the shape of scheme, authority and IP literal.</summary>
    public static bool IsUriReference(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (!IsUriChar(c))
            {
                return false;
            }
        }

        var rest = s;
        var colon = s.IndexOfAny(":/?#");
        if (colon >= 0 && s[colon] == ':')
        {
            if (!IsScheme(s[..colon]))
            {
                return false;
            }

            rest = s[(colon + 1)..];
        }

        var fragment = rest.IndexOf('#');
        if (fragment >= 0 && rest[(fragment + 1)..].Contains('#'))
        {
            return false;
        }

        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authority = rest[2..];
            var end = authority.IndexOfAny("/?#");
            if (end >= 0)
            {
                authority = authority[..end];
            }

            var at = authority.IndexOf('@');
            if (at >= 0 && authority[..at].IndexOfAny("[]") >= 0)
            {
                return false;
            }

            var host = at >= 0 ? authority[(at + 1)..] : authority;
            if (host.Contains('@'))
            {
                return false;
            }

            if (host.StartsWith('['))
            {
                var close = host.IndexOf(']');
                if (close < 0 || !IsIPv6(host[1..close]))
                {
                    return false;
                }

                host = host[(close + 1)..];
                return host.Length == 0 || (host[0] == ':' && IsPort(host[1..]));
            }

            if (host.Contains('[') || host.Contains(']'))
            {
                return false;
            }

            var portColon = host.IndexOf(':');
            return portColon < 0 || IsPort(host[(portColon + 1)..]);
        }

        return !rest.Contains('[') && !rest.Contains(']');
    }

    public static bool IsJsonPointer(ReadOnlySpan<char> s)
    {
        if (s.Length > 0 && s[0] != '/')
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '~' && (i + 1 >= s.Length || (s[i + 1] != '0' && s[i + 1] != '1')))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsRelativeJsonPointer(ReadOnlySpan<char> s)
    {
        var digits = 0;
        while (digits < s.Length && char.IsAsciiDigit(s[digits]))
        {
            digits++;
        }

        if (digits == 0 || (digits > 1 && s[0] == '0'))
        {
            return false;
        }

        var rest = s[digits..];
        return rest.SequenceEqual("#") || IsJsonPointer(rest);
    }

    public static bool IsRegex(ReadOnlySpan<char> s)
    {
        try
        {
            _ = new Regex(EcmaRegex.Translate(s.ToString()), RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsScheme(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || !char.IsAsciiLetter(s[0]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPort(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUriChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "-._~:/?#[]@!$&'()*+,;=".Contains(c, StringComparison.Ordinal);
}

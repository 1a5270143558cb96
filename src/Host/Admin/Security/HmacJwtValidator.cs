using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Etl.Host.Admin.Security;

/// <summary>
/// Validates compact HS256 JSON Web Tokens: the header must say <c>alg: HS256</c> (no other algorithm, never <c>none</c>),
/// the HMAC-SHA256 signature must match in constant time, <c>exp</c> is required, <c>nbf</c> is honoured, <c>iss</c>
/// and <c>aud</c> must equal the configured values, and <c>role</c> must be reader or admin.
/// The caller's name is the <c>sub</c> claim.
/// </summary>
internal sealed class HmacJwtValidator(AdminJwtOptions options, TimeProvider time)
{
    /// <summary>Longest token accepted, to bound work on hostile input.</summary>
    public const int MaxTokenLength = 8192;

    /// <summary>Shortest signing key, in UTF-8 bytes (the HS256 key should be as long as the hash).</summary>
    public const int MinKeyBytes = 32;

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.SigningKey);

    public bool Enabled => _key.Length > 0;

    /// <summary>The principal, or null with the reason in <paramref name="failure"/>.</summary>
    public AdminPrincipal? Validate(string token, out string failure)
    {
        failure = "invalid bearer token";
        if (!Enabled || token.Length > MaxTokenLength)
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        if (!TryDecode(parts[0], out var headerBytes) || !TryDecode(parts[1], out var payloadBytes) || !TryDecode(parts[2], out var signature))
        {
            return null;
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, signed), signature))
        {
            failure = "bearer token signature does not match";
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            if (header.RootElement.ValueKind != JsonValueKind.Object
                || !header.RootElement.TryGetProperty("alg", out var alg)
                || alg.ValueKind != JsonValueKind.String
                || !string.Equals(alg.GetString(), "HS256", StringComparison.Ordinal))
            {
                failure = "bearer token must be signed with HS256";
                return null;
            }

            using var payload = JsonDocument.Parse(payloadBytes);
            return Claims(payload.RootElement, out failure);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private AdminPrincipal? Claims(JsonElement claims, out string failure)
    {
        failure = "invalid bearer token";
        if (claims.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (!TryTime(claims, "exp", out var expires) || expires is null)
        {
            failure = "bearer token has no exp claim";
            return null;
        }

        if (now - options.ClockSkew >= expires)
        {
            failure = "bearer token has expired";
            return null;
        }

        if (!TryTime(claims, "nbf", out var notBefore) || (notBefore is not null && now + options.ClockSkew < notBefore))
        {
            failure = "bearer token is not valid yet";
            return null;
        }

        if (!HasString(claims, "iss", options.Issuer))
        {
            failure = "bearer token issuer is not accepted";
            return null;
        }

        if (!HasString(claims, "aud", options.Audience))
        {
            failure = "bearer token audience is not accepted";
            return null;
        }

        var role = claims.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? AdminRoles.Normalize(r.GetString()) : null;
        if (role is null)
        {
            failure = "bearer token has no reader or admin role claim";
            return null;
        }

        var subject = claims.TryGetProperty("sub", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (string.IsNullOrWhiteSpace(subject))
        {
            failure = "bearer token has no sub claim";
            return null;
        }

        return new AdminPrincipal(subject, role, "jwt");
    }

    private static bool TryTime(JsonElement claims, string name, out DateTimeOffset? value)
    {
        value = null;
        if (!claims.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var seconds) || seconds < 0 || seconds > 253_402_300_799)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static bool HasString(JsonElement claims, string name, string expected)
    {
        if (!claims.TryGetProperty(name, out var element))
        {
            return false;
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => string.Equals(element.GetString(), expected, StringComparison.Ordinal),
            JsonValueKind.Array => element.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && string.Equals(e.GetString(), expected, StringComparison.Ordinal)),
            _ => false,
        };
    }

    private static bool TryDecode(string segment, out byte[] bytes)
    {
        bytes = [];
        if (segment.Length == 0 || !Base64Url.IsValid(segment))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(segment);
        return true;
    }
}

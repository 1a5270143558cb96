using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Etl.Host.Admin.Security;

/// <summary>
/// The configured API keys, held only as SHA-256 hashes. A presented key is hashed and compared with every entry in
/// constant time. <see cref="GeneratedKey"/> is set once when a random admin key was generated at start (local mode
/// without configured credentials); the caller logs it and the store keeps only its hash.
/// </summary>
internal sealed class AdminKeyStore
{
    /// <summary>The name written to the audit log for the generated key.</summary>
    public const string GeneratedKeyName = "generated-admin";

    private readonly (string Name, string Role, byte[] Hash)[] _keys;

    private AdminKeyStore((string Name, string Role, byte[] Hash)[] keys, string? generatedKey)
    {
        _keys = keys;
        GeneratedKey = generatedKey;
    }

    /// <summary>The generated key in clear, to be printed once; null when keys are configured.</summary>
    public string? GeneratedKey { get; private set; }

    public int Count => _keys.Length;

    /// <summary>Builds the store from validated options; generates an admin key when <paramref name="generateWhenEmpty"/> and none is configured.</summary>
    public static AdminKeyStore Create(IReadOnlyList<AdminApiKeyOptions> keys, bool generateWhenEmpty)
    {
        if (keys.Count == 0 && generateWhenEmpty)
        {
            var key = "etl_" + Base64Url(RandomNumberGenerator.GetBytes(32));
            return new AdminKeyStore([(GeneratedKeyName, AdminRoles.Admin, Hash(key))], key);
        }

        return new AdminKeyStore([.. keys.Select(k => (k.Name, AdminRoles.Normalize(k.Role)!, Convert.FromHexString(k.Sha256)))], null);
    }

    /// <summary>The problems with configured keys (empty when all are valid), each naming the setting.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<AdminApiKeyOptions> keys)
    {
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"Admin:ApiKeys:{i}");
            var key = keys[i];
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                problems.Add($"{prefix}:Name is required");
            }
            else if (!names.Add(key.Name))
            {
                problems.Add($"{prefix}:Name '{key.Name}' is used by another key");
            }

            if (AdminRoles.Normalize(key.Role) is null)
            {
                problems.Add($"{prefix}:Role must be '{AdminRoles.Reader}' or '{AdminRoles.Admin}', not '{key.Role}'");
            }

            if (key.Sha256.Length != 64 || !key.Sha256.All(char.IsAsciiHexDigit))
            {
                problems.Add($"{prefix}:Sha256 must be the hex SHA-256 of the key (64 hex digits)");
            }
        }

        return problems;
    }

    /// <summary>The hex SHA-256 of a key, as <c>Admin:ApiKeys:N:Sha256</c> expects it.</summary>
    public static string HashHex(string key) => Convert.ToHexStringLower(Hash(key));

    /// <summary>Forgets the clear generated key once it has been printed.</summary>
    public void ForgetGeneratedKey() => GeneratedKey = null;

    /// <summary>The principal the key belongs to, or null. Every entry is compared, in constant time each.</summary>
    public AdminPrincipal? Authenticate(string presented)
    {
        var hash = Hash(presented);
        AdminPrincipal? match = null;
        foreach (var (name, role, expected) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                match ??= new AdminPrincipal(name, role, "api-key");
            }
        }

        return match;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

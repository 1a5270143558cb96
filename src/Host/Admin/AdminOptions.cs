namespace Etl.Host.Admin;

/// <summary>
/// The admin API's settings (section <c>Admin</c>). Keys are stored as hex SHA-256 hashes, never in clear. With no keys and
/// no JWT signing key in local mode, a random admin key is generated at start and printed once to the log.
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Largest request body accepted by <c>/api</c> (default 1 MiB); larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>API keys: name, role and the hex SHA-256 of the key.</summary>
    public List<AdminApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>HS256 bearer tokens; disabled while <see cref="AdminJwtOptions.SigningKey"/> is empty.</summary>
    public AdminJwtOptions Jwt { get; set; } = new();
}

/// <summary>One API key.</summary>
public sealed class AdminApiKeyOptions
{
    /// <summary>Who uses the key; written to the audit log.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>reader</c> or <c>admin</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>Hex SHA-256 of the key's UTF-8 bytes (64 hex digits).</summary>
    public string Sha256 { get; set; } = "";
}

/// <summary>HS256 JSON Web Tokens: issuer and audience are checked, the role comes from the <c>role</c> claim.</summary>
public sealed class AdminJwtOptions
{
    /// <summary>The HMAC key (UTF-8, at least 32 bytes). Empty disables bearer tokens.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Required <c>iss</c> value.</summary>
    public string Issuer { get; set; } = "etl";

    /// <summary>Required <c>aud</c> value (or one of the values when <c>aud</c> is an array).</summary>
    public string Audience { get; set; } = "etl-admin";

    /// <summary>Tolerance for <c>exp</c> and <c>nbf</c> (default 60 s).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);
}

namespace Etl.Host.Admin.Security;

/// <summary>The two roles of the admin API and the authorization policies built on them.</summary>
public static class AdminRoles
{
    /// <summary>May read registries, schemas, versions, diffs and dry runs.</summary>
    public const string Reader = "reader";

    /// <summary>May also change things and read the audit log.</summary>
    public const string Admin = "admin";

    /// <summary>Policy: a reader or admin credential.</summary>
    public const string ReadPolicy = "etl-admin-read";

    /// <summary>Policy: an admin credential.</summary>
    public const string WritePolicy = "etl-admin-write";

    /// <summary>The canonical role name, or null if <paramref name="role"/> is not a role.</summary>
    public static string? Normalize(string? role) =>
        string.Equals(role?.Trim(), Reader, StringComparison.OrdinalIgnoreCase) ? Reader
        : string.Equals(role?.Trim(), Admin, StringComparison.OrdinalIgnoreCase) ? Admin
        : null;
}

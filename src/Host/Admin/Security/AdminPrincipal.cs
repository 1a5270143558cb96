namespace Etl.Host.Admin.Security;

/// <summary>An authenticated caller: a name for the audit log, a role and how it authenticated.</summary>
internal sealed record AdminPrincipal(string Name, string Role, string Method);

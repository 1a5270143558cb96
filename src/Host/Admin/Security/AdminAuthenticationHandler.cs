using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Etl.Host.Admin.Security;

/// <summary>
/// Authenticates <c>Authorization: ApiKey &lt;key&gt;</c>, <c>X-Api-Key: &lt;key&gt;</c> and <c>Authorization: Bearer &lt;HS256 JWT&gt;</c>.
/// Challenges (401) and refusals (403) are answered with problem details.
/// </summary>
internal sealed class AdminAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminKeyStore keys,
    HmacJwtValidator jwt)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "EtlAdmin";

    public const string MethodClaim = "etl_auth_method";

    private const string FailureItem = "etl-admin-auth-failure";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (scheme, credential) = Credential(Request);
        if (scheme is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        AdminPrincipal? principal;
        string failure;
        if (scheme == "Bearer")
        {
            principal = jwt.Validate(credential, out failure);
        }
        else if (scheme == "Unknown")
        {
            principal = null;
            failure = "unsupported Authorization scheme: use 'ApiKey <key>' or 'Bearer <token>'";
        }
        else
        {
            principal = credential.Length is > 0 and <= 1024 ? keys.Authenticate(credential) : null;
            failure = "invalid API key";
        }

        if (principal is null)
        {
            Context.Items[FailureItem] = failure;
            return Task.FromResult(AuthenticateResult.Fail(failure));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, principal.Name), new Claim(ClaimTypes.Role, principal.Role), new Claim(MethodClaim, principal.Method)],
            SchemeName,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = jwt.Enabled ? "ApiKey, Bearer" : "ApiKey";
        var detail = Context.Items.TryGetValue(FailureItem, out var failure) && failure is string text
            ? text
            : "credentials required: send 'Authorization: ApiKey <key>', 'X-Api-Key: <key>' or a bearer token";
        return AdminProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AdminProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", $"this operation needs the {AdminRoles.Admin} role");

    private static (string? Scheme, string Credential) Credential(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            var space = authorization.IndexOf(' ', StringComparison.Ordinal);
            var scheme = space < 0 ? authorization : authorization[..space];
            var value = space < 0 ? "" : authorization[(space + 1)..].Trim();
            if (string.Equals(scheme, "ApiKey", StringComparison.OrdinalIgnoreCase))
            {
                return ("ApiKey", value);
            }

            if (string.Equals(scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return ("Bearer", value);
            }

            return ("Unknown", "");
        }

        var header = request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? ("ApiKey", header.Trim()) : (null, "");
    }
}

using Etl.Core.Telemetry;
using Etl.Host.Admin.Audit;
using Etl.Host.Admin.Console;
using Etl.Host.Admin.Endpoints;
using Etl.Host.Admin.Security;
using Etl.Host.Configuration;
using Etl.Host.Pipelines;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Etl.Host.Admin;

/// <summary>Composition of the schema-evolution admin API (<c>/api</c>), its OpenAPI document and the web console.</summary>
public static class AdminApiExtensions
{
    /// <summary>
    /// Registers the admin API: credentials (API keys from <c>Admin:ApiKeys</c>, HS256 bearer tokens from <c>Admin:Jwt</c>),
    /// the reader and admin policies, the audit log under <c>DataRoot/audit</c> and the OpenAPI document.
    /// Throws <see cref="ServiceHost.ConfigurationException"/> when the <c>Admin</c> section is invalid.
    /// </summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services, IConfiguration configuration, EtlOptions options)
    {
        var admin = new AdminOptions();
        try
        {
            configuration.GetSection(AdminOptions.Section).Bind(admin);
        }
        catch (InvalidOperationException e)
        {
            throw new ServiceHost.ConfigurationException([e.Message]);
        }

        var problems = new List<string>(AdminKeyStore.Validate(admin.ApiKeys));
        if (admin.Jwt.SigningKey.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(admin.Jwt.SigningKey) < HmacJwtValidator.MinKeyBytes)
        {
            problems.Add($"Admin:Jwt:SigningKey must be at least {HmacJwtValidator.MinKeyBytes} bytes");
        }

        if (admin.MaxRequestBodyBytes < 1024)
        {
            problems.Add("Admin:MaxRequestBodyBytes must be at least 1024");
        }

        if (problems.Count > 0)
        {
            throw new ServiceHost.ConfigurationException(problems);
        }

        var generate = admin.ApiKeys.Count == 0 && admin.Jwt.SigningKey.Length == 0 && !string.Equals(options.Mode, "Aws", StringComparison.Ordinal);
        var dataRoot = new LocalPaths(options.DataRoot);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(admin);
        services.AddSingleton(AdminKeyStore.Create(admin.ApiKeys, generate));
        services.AddSingleton(sp => new HmacJwtValidator(admin.Jwt, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new AuditLog(Path.Combine(dataRoot.Root, "audit"), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new RegistryDirectory(dataRoot.Registry));
        services.AddSingleton<AdminChanges>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AdminAuthenticationHandler>(AdminAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminRoles.ReadPolicy, p => p.AddAuthenticationSchemes(AdminAuthenticationHandler.SchemeName).RequireRole(AdminRoles.Reader, AdminRoles.Admin))
            .AddPolicy(AdminRoles.WritePolicy, p => p.AddAuthenticationSchemes(AdminAuthenticationHandler.SchemeName).RequireRole(AdminRoles.Admin));
        services.AddOpenApi(o => o.AddDocumentTransformer<AdminOpenApiSecurity>());
        return services;
    }

    /// <summary>Maps <c>/api</c>, <c>/openapi/v1.json</c> and <c>/console</c>; prints the generated admin key once, if one was generated.</summary>
    public static WebApplication MapAdminApi(this WebApplication app)
    {
        var keys = app.Services.GetRequiredService<AdminKeyStore>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Etl.Host.Admin");
        if (keys.GeneratedKey is { } generated)
        {
            LogMessages.AdminGeneratedKey(logger, generated, AdminKeyStore.GeneratedKeyName);
            keys.ForgetGeneratedKey();
        }
        else if (keys.Count == 0 && !app.Services.GetRequiredService<HmacJwtValidator>().Enabled)
        {
            LogMessages.AdminNoCredentials(logger);
        }

        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase), branch => branch.UseMiddleware<AdminErrorMiddleware>());
        AdminConsole.Use(app);
        app.MapOpenApi();

        var api = app.MapGroup("/api").RequireAuthorization(AdminRoles.ReadPolicy).WithTags("schema registry");
        SchemaEndpoints.Map(api);
        VersionEndpoints.Map(api);
        MetadataEndpoints.Map(api);
        AuditEndpoints.Map(api);
        return app;
    }
}

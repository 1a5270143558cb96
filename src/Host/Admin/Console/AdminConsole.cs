using Microsoft.Extensions.FileProviders;

namespace Etl.Host.Admin.Console;

/// <summary>Serves the web console (static files embedded from <c>wwwroot</c>) at <c>/console</c>.</summary>
internal static class AdminConsole
{
    public const string Path = "/console";

    public static void Use(WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(AdminConsole).Assembly, "Etl.Host.wwwroot");
        app.MapGet(Path, () => Results.Redirect(Path + "/")).ExcludeFromDescription();
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = Path,
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers.CacheControl = "no-cache";
            },
        });
    }
}

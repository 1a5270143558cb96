using Microsoft.Extensions.FileProviders;

namespace Etl.Host.Admin.Console;

/// <summary>Serves the web console (static files embedded from <c>wwwroot</c>) at <c>/console</c>.</summary>
internal static class AdminConsole
{
    public const string Path = "/console";

    public static void Use(WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(AdminConsole).Assembly, "Etl.Host.wwwroot");
        app.Use((context, next) =>
        {
            if (string.Equals(context.Request.Path.Value, Path, StringComparison.OrdinalIgnoreCase) && HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.Redirect(Path + "/");
                return Task.CompletedTask;
            }

            return next(context);
        });
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

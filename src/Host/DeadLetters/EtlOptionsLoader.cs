using Etl.Host.Configuration;

namespace Etl.Host.DeadLetters;

/// <summary>
/// Reads <see cref="EtlOptions"/> for a one-shot command the way the service does: appsettings.json in the current
/// folder, then the <c>--config</c> file, environment variables and configuration arguments
/// (<c>--Etl:DataRoot=…</c>); invalid settings throw <see cref="ServiceHost.ConfigurationException"/>.
/// </summary>
internal static class EtlOptionsLoader
{
    public static EtlOptions Load(string? configFile, IReadOnlyList<string> configurationArgs, string? dataRoot)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false);
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                throw new ServiceHost.ConfigurationException([$"--config: file '{configFile}' does not exist"]);
            }

            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables();
        builder.AddCommandLine([.. configurationArgs]);
        var options = new EtlOptions();
        try
        {
            builder.Build().GetSection(EtlOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new ServiceHost.ConfigurationException([e.Message]);
        }

        if (dataRoot is not null)
        {
            options.DataRoot = dataRoot;
        }

        var problems = EtlOptionsValidator.Validate(options);
        if (problems.Count > 0)
        {
            throw new ServiceHost.ConfigurationException(problems);
        }

        return options;
    }
}

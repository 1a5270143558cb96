using System.CommandLine;

namespace Etl.Host.Cli;

/// <summary>`etl run [--config FILE] [configuration arguments]`: the service.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "A JSON configuration file (appsettings format) read after appsettings.json" };
        var command = new Command("run", "Run the service (local mode by default)") { config };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, _) => RunServiceAsync([.. parse.UnmatchedTokens], parse.GetValue(config)));
        return command;
    }

    public static async Task<int> RunServiceAsync(string[] configurationArgs, string? configFile)
    {
        WebApplication app;
        try
        {
            app = ServiceHost.Build(configurationArgs, configFile);
        }
        catch (ServiceHost.ConfigurationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("etl: the service stopped on an error: " + e.Message);
            return 1;
        }
    }
}

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

        // Resolved before running: the host is disposed when RunAsync returns.
        var pipelines = app.Services.GetService<Pipelines.PipelineHostedService>();
        try
        {
            await app.RunAsync();
        }
        catch (OperationCanceledException) when (pipelines is { ConfigurationFailure: not null } or { StoppedWhenDone: true })
        {
            // The pipelines stopped the service while the web server was still starting (a pipeline's settings do
            // not fit its schema, or every bounded source finished first): not an error of the host.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("etl: the service stopped on an error: " + e.Message);
            return 1;
        }

        if (pipelines?.ConfigurationFailure is { } failure)
        {
            await Console.Error.WriteLineAsync(failure.Message);
            return 2;
        }

        return 0;
    }
}

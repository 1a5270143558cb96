using Etl.Core.Telemetry;
using Etl.Host.Configuration;
using Microsoft.Extensions.Options;

namespace Etl.Host.Pipelines;

/// <summary>
/// Runs every pipeline until the service stops. A pipeline that fails is rebuilt after a growing back-off (its
/// committed progress is durable, so it resumes from its checkpoint). On stop, each pipeline writes and commits what
/// it has buffered before the host's shutdown deadline. With <see cref="EtlOptions.ExitWhenDone"/>, the service stops
/// itself once every bounded source is exhausted and committed. A pipeline whose settings do not fit what the registry
/// holds (a <see cref="ServiceHost.ConfigurationException"/> while building it, e.g. a type override that does not fit
/// the schema) is not retried: the service stops and `etl run` exits with code 2, as for any invalid setting.
/// </summary>
internal sealed class PipelineHostedService(
    IEnumerable<PipelineRuntime> pipelines,
    IHostApplicationLifetime lifetime,
    IOptions<EtlOptions> options,
    ILogger<PipelineHostedService> logger) : BackgroundService
{
    private readonly CancellationTokenSource _drain = new();
    private int _running;
    private int _finished;

    /// <summary>Pipelines currently running (for readiness).</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Pipelines that finished their bounded source.</summary>
    public int Finished => Volatile.Read(ref _finished);

    /// <summary>True once every bounded source finished and the service stopped itself (<see cref="EtlOptions.ExitWhenDone"/>).</summary>
    public bool StoppedWhenDone { get; private set; }

    /// <summary>The configuration problem that stopped the service, or null.</summary>
    public ServiceHost.ConfigurationException? ConfigurationFailure { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runs = pipelines.Select(p => RunOneAsync(p, stoppingToken)).ToList();
        await Task.WhenAll(runs);
        if (options.Value.ExitWhenDone && ConfigurationFailure is null && !stoppingToken.IsCancellationRequested)
        {
            LogMessages.PipelinesAllFinished(logger);
            StoppedWhenDone = true;
            lifetime.StopApplication();
        }
    }

    private async Task RunOneAsync(PipelineRuntime pipeline, CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _running);
            try
            {
                var engine = await pipeline.CreateEngineAsync(stoppingToken);
                LogMessages.PipelineStarted(logger, pipeline.Name);
                await engine.RunAsync(stoppingToken, _drain.Token);
                if (engine.Completed)
                {
                    Interlocked.Increment(ref _finished);
                    LogMessages.PipelineFinished(logger, pipeline.Name, engine.RecordsRead);
                    return;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ServiceHost.ConfigurationException e)
            {
                ConfigurationFailure ??= e;
                lifetime.StopApplication();
                return;
            }
            catch (Exception e)
            {
                LogMessages.PipelineFailed(logger, e, pipeline.Name, backoff);
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's shutdown deadline bounds the drain: when it passes, in-flight commits are cancelled (their
        // intents are completed on the next start).
        await using var registration = cancellationToken.Register(() => _drain.Cancel());
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _drain.Dispose();
        base.Dispose();
    }
}

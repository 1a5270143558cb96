using Etl.Core.Telemetry;
using Etl.Host.Configuration;
using Microsoft.Extensions.Options;

namespace Etl.Host.Pipelines;

/// <summary>
/// Runs every pipeline until the service stops. A pipeline that fails is rebuilt after a growing back-off (its
/// committed progress is durable, so it resumes from its checkpoint). On stop, each pipeline writes and commits what
/// it has buffered before the host's shutdown deadline. With <see cref="EtlOptions.ExitWhenDone"/>, the service stops
/// itself once every bounded source is exhausted and committed.
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runs = pipelines.Select(p => RunOneAsync(p, stoppingToken)).ToList();
        await Task.WhenAll(runs);
        if (options.Value.ExitWhenDone && !stoppingToken.IsCancellationRequested)
        {
            LogMessages.PipelinesAllFinished(logger);
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

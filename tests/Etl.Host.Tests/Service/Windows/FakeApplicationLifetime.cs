using Microsoft.Extensions.Hosting;

namespace Etl.Host.Tests.Service.Windows;

/// <summary>An application lifetime the test drives: started, stopping and stopped fire when told.</summary>
internal sealed class FakeApplicationLifetime : IHostApplicationLifetime, IDisposable
{
    private readonly CancellationTokenSource _started = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _stopped = new();

    public CancellationToken ApplicationStarted => _started.Token;

    public CancellationToken ApplicationStopping => _stopping.Token;

    public CancellationToken ApplicationStopped => _stopped.Token;

    public int StopRequests { get; private set; }

    public void StopApplication()
    {
        StopRequests++;
        _stopping.Cancel();
    }

    public void NotifyStarted() => _started.Cancel();

    public void Dispose()
    {
        _started.Dispose();
        _stopping.Dispose();
        _stopped.Dispose();
    }
}

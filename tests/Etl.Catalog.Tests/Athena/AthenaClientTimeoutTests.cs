using Etl.Catalog.Athena;

namespace Etl.Catalog.Tests.Athena;

public sealed class AthenaClientTimeoutTests(SlowAthenaServer server) : IClassFixture<SlowAthenaServer>
{
    [Fact]
    public async Task WaitForCompletion_past_the_timeout_stops_the_query_and_throws()
    {
        var athena = server.Client(TimeSpan.FromMilliseconds(300));
        var id = await athena.StartQueryAsync("SELECT 1", AthenaClient.NewClientRequestToken(), default);

        var e = await Assert.ThrowsAsync<TimeoutException>(() => athena.WaitForCompletionAsync(id, default));

        Assert.Contains(id, e.Message, StringComparison.Ordinal);
        Assert.Equal("CANCELLED", await server.StateAsync(id));
        Assert.Equal(0, await server.ViolationCountAsync());
    }

    [Fact]
    public async Task WaitForCompletion_cancelled_by_the_caller_stops_the_query()
    {
        var athena = server.Client(TimeSpan.FromMinutes(1));
        var id = await athena.StartQueryAsync("SELECT 1", AthenaClient.NewClientRequestToken(), default);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => athena.WaitForCompletionAsync(id, cts.Token));

        Assert.Equal("CANCELLED", await server.StateAsync(id));
    }

    [Fact]
    public async Task GetStatus_of_a_waiting_query_is_not_final()
    {
        var athena = server.Client(TimeSpan.FromMinutes(1));
        var id = await athena.StartQueryAsync("SELECT 1", AthenaClient.NewClientRequestToken(), default);

        var status = await athena.GetStatusAsync(id, default);

        Assert.Equal("QUEUED", status.State);
        Assert.False(status.IsFinal);
    }
}

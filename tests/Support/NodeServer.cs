using System.Diagnostics;
using System.Net.Sockets;

namespace Etl.TestSupport;

/// <summary>
/// A server from npm (kinesalite, dynalite, s3rver, a contract server) started on a free loopback port and
/// stopped on dispose. Fails loudly if it does not accept connections in time.
/// </summary>
public sealed class NodeServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _log = new();

    private NodeServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <c>node script args</c>; <paramref name="args"/> receives the chosen port.</summary>
    public static async Task<NodeServer> StartAsync(string script, Func<int, IEnumerable<string>> args, TimeSpan? timeout = null)
    {
        var port = NodeTool.FreePort();
        var psi = NodeTool.NewStartInfo(script, args(port));
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"{script} did not start");
        var server = new NodeServer(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{script} exited with {process.ExitCode} before listening: {server.Log}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await server.DisposeAsync();
        throw new TimeoutException($"{script} did not listen on port {port}: {server.Log}");
    }

    /// <summary>Starts a binary from tests/node_modules/.bin-style package entry (e.g. "kinesalite/cli.js").</summary>
    public static Task<NodeServer> StartPackageAsync(string packageEntry, Func<int, IEnumerable<string>> args, TimeSpan? timeout = null) =>
        StartAsync(Path.Combine(RepoPaths.NodeModules, packageEntry), args, timeout);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length < 200_000)
            {
                _log.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Etl.TestSupport;

/// <summary>Runs Node scripts from tests/tools with tests/node_modules on the module path.</summary>
public static class NodeTool
{
    /// <summary>Runs <c>node script args...</c>, feeding stdin if given; throws with stderr when it exits non-zero.</summary>
    public static async Task<string> RunAsync(string script, IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null)
    {
        var psi = NewStartInfo(script, args);
        psi.RedirectStandardInput = stdin is not null;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish in time");
        }

        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited {process.ExitCode}: {await stderr}");
        }

        return output;
    }

    public static ProcessStartInfo NewStartInfo(string script, IEnumerable<string> args)
    {
        var path = Path.IsPathRooted(script) ? script : Path.Combine(RepoPaths.Tools, script);
        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(path);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["NODE_PATH"] = RepoPaths.NodeModules;
        return psi;
    }

    /// <summary>A free TCP port on loopback.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

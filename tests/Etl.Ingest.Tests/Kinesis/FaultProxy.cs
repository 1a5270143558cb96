using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Etl.TestSupport;

namespace Etl.Ingest.Tests.Kinesis;

/// <summary>
/// An HTTP proxy on loopback in front of kinesalite that records every AWS JSON request (target and body) and can
/// answer chosen calls with an injected AWS error instead of forwarding them.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new();
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public FaultProxy(string targetEndpoint)
    {
        _target = new Uri(targetEndpoint);
        Port = NodeTool.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Decides per call (operation, 1-based call number of that operation) whether to inject an error: (status, __type) or null to forward.</summary>
    public Func<string, int, (HttpStatusCode Status, string Type)?> Fault { get; set; } = (_, _) => null;

    /// <summary>Every request seen: operation name and JSON body.</summary>
    public ConcurrentQueue<(string Operation, string Body)> Requests { get; } = new();

    public ConcurrentQueue<string> Injected { get; } = new();

    public int Calls(string operation) => _calls.GetValueOrDefault(operation);

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var target = context.Request.Headers["X-Amz-Target"] ?? string.Empty;
            var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
            Requests.Enqueue((operation, body));
            var n = _calls.AddOrUpdate(operation, 1, (_, c) => c + 1);
            if (Fault(operation, n) is { } fault)
            {
                Injected.Enqueue(operation + ":" + fault.Type);
                await WriteAsync(context.Response, (int)fault.Status, "application/x-amz-json-1.1", Encoding.UTF8.GetBytes($$"""{"__type":"{{fault.Type}}","message":"injected by the test proxy"}"""));
                return;
            }

            using var forward = new HttpRequestMessage(HttpMethod.Post, _target);
            forward.Content = new StringContent(body, Encoding.UTF8);
            forward.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(context.Request.ContentType ?? "application/x-amz-json-1.1");
            foreach (var name in new[] { "X-Amz-Target", "X-Amz-Date", "Authorization", "X-Amz-Security-Token" })
            {
                if (context.Request.Headers[name] is { } value)
                {
                    forward.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using var response = await _upstream.SendAsync(forward);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            await WriteAsync(context.Response, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "application/x-amz-json-1.1", bytes);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (HttpListenerException)
        {
            // Client went away.
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string contentType, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
            // Listener closed under the loop.
        }

        _upstream.Dispose();
        _stop.Dispose();
    }
}

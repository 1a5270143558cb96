using System.Net;
using Amazon.Runtime;

namespace Etl.Batching.Tests.Storage.S3;

/// <summary>
/// HTTP clients for the AWS SDK that record each request ("METHOD path?query") and can answer chosen requests with
/// an S3 error instead of sending them.
/// </summary>
internal sealed class RecordingHttpClientFactory : HttpClientFactory
{
    private readonly List<string> _requests = [];
    private readonly List<RecordedRequest> _recorded = [];

    /// <summary>Return (status, S3 error code) to fail the request; null to send it.</summary>
    public Func<HttpRequestMessage, int, (HttpStatusCode Status, string Code)?> Fail { get; set; } = (_, _) => null;

    /// <summary>Answer the request without sending it (null: send it).</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?> Answer { get; set; } = _ => null;

    /// <summary>Every request with its headers and (for requests with content) its body as text.</summary>
    public IReadOnlyList<RecordedRequest> Recorded
    {
        get
        {
            lock (_requests)
            {
                return [.. _recorded];
            }
        }
    }

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Handler(this));

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private async Task<int> RecordAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Method == HttpMethod.Post && request.Content is not null ? await request.Content.ReadAsStringAsync(cancellationToken) : null;
        lock (_requests)
        {
            var line = $"{request.Method} {request.RequestUri!.PathAndQuery}";
            _requests.Add(line);
            _recorded.Add(new RecordedRequest(line, headers, body));
            return _requests.Count;
        }
    }

    private sealed class Handler(RecordingHttpClientFactory owner) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var n = await owner.RecordAsync(request, cancellationToken);
            if (owner.Answer(request) is { } answer)
            {
                if (request.Content is not null)
                {
                    await request.Content.ReadAsByteArrayAsync(cancellationToken);
                }

                answer.RequestMessage = request;
                return answer;
            }

            if (owner.Fail(request, n) is { } failure)
            {
                if (request.Content is not null)
                {
                    await request.Content.ReadAsByteArrayAsync(cancellationToken);
                }

                return new HttpResponseMessage(failure.Status)
                {
                    RequestMessage = request,
                    Content = new StringContent(
                        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{failure.Code}</Code><Message>injected</Message><RequestId>test</RequestId></Error>",
                        System.Text.Encoding.UTF8,
                        "application/xml"),
                };
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>One request as sent: method and path, headers, body text (POST only).</summary>
internal sealed record RecordedRequest(string Line, IReadOnlyDictionary<string, string> Headers, string? Body);

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

    /// <summary>Return (status, S3 error code) to fail the request; null to send it.</summary>
    public Func<HttpRequestMessage, int, (HttpStatusCode Status, string Code)?> Fail { get; set; } = (_, _) => null;

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

    private int Record(HttpRequestMessage request)
    {
        lock (_requests)
        {
            _requests.Add($"{request.Method} {request.RequestUri!.PathAndQuery}");
            return _requests.Count;
        }
    }

    private sealed class Handler(RecordingHttpClientFactory owner) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var n = owner.Record(request);
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

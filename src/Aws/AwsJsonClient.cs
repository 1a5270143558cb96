using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Etl.Aws;

/// <summary>
/// A client for AWS JSON 1.x services (Kinesis, Glue, Athena; DynamoDB with <see cref="AwsJsonClientOptions.JsonVersion"/> "1.0"):
/// POSTs the request as JSON to the endpoint with <c>X-Amz-Target: {TargetPrefix}.{Operation}</c>, signs it with SigV4 and
/// returns the response body as a <see cref="JsonNode"/> (an empty object when the body is empty).
/// Failures surface as <see cref="AwsServiceException"/>: throttling, 5xx and transport errors are retried with
/// full-jitter exponential backoff within <see cref="AwsJsonClientOptions.Retry"/>; all others (validation, access,
/// not found) are thrown at once. Thread-safe; share one instance per service.
/// </summary>
public sealed class AwsJsonClient
{
    private readonly HttpClient _http;
    private readonly AwsJsonClientOptions _options;
    private readonly AwsCredentialsSource _credentials;
    private readonly string _contentType;

    /// <param name="endpoint">Where to send; see <see cref="AwsServiceEndpoint.Resolve"/>.</param>
    /// <param name="httpClient">The HTTP client to use (its own timeout should be infinite or above <see cref="AwsJsonClientOptions.AttemptTimeout"/>); default: a shared internal one.</param>
    /// <param name="options">Credentials, retry, timeouts; default: <see cref="AwsJsonClientOptions"/> defaults.</param>
    public AwsJsonClient(AwsServiceEndpoint endpoint, HttpClient? httpClient = null, AwsJsonClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _options = options ?? new AwsJsonClientOptions();
        _options.Retry.Validate();
        if (_options.AttemptTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.AttemptTimeout, "AwsJsonClientOptions.AttemptTimeout must be positive.");
        }

        Endpoint = endpoint;
        _http = httpClient ?? SharedHttp.Client;
        _credentials = new AwsCredentialsSource(endpoint, _options.Credentials);
        _contentType = "application/x-amz-json-" + _options.JsonVersion;
    }

    /// <summary>The endpoint this client talks to.</summary>
    public AwsServiceEndpoint Endpoint { get; }

    /// <summary>Calls <paramref name="operation"/>, retrying retryable failures within the configured budget.</summary>
    /// <exception cref="AwsServiceException">The service rejected the call, or retries ran out.</exception>
    public Task<JsonNode> SendAsync(string operation, JsonNode? request, CancellationToken cancellationToken) =>
        SendAsync(operation, request, _options.Retry, cancellationToken);

    /// <summary>Calls <paramref name="operation"/> with an explicit retry policy (<see cref="AwsRetryOptions.None"/> for one attempt).</summary>
    /// <exception cref="AwsServiceException">The service rejected the call, or retries ran out.</exception>
    public async Task<JsonNode> SendAsync(string operation, JsonNode? request, AwsRetryOptions retry, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        ArgumentNullException.ThrowIfNull(retry);
        var body = request is null ? "{}"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(request, AwsJsonContext.Default.JsonNode);
        var clock = _options.TimeProvider;
        var started = clock.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(operation, body, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException ex) when (ex.IsRetryable && attempt + 1 < retry.MaxAttempts)
            {
                var delay = retry.Backoff(attempt, Random.Shared);
                if (clock.GetElapsedTime(started) + delay > retry.Budget)
                {
                    throw;
                }

                await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<JsonNode> SendOnceAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        var target = Endpoint.TargetPrefix + "." + operation;
        var credentials = await _credentials.GetAsync().ConfigureAwait(false);
        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint.Url);
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(_contentType);
        var signed = SigV4Signer.Sign(
            Endpoint.Url, Endpoint.Region, Endpoint.SigningName, target, _contentType, body, credentials, _options.TimeProvider.GetUtcNow().UtcDateTime);
        foreach (var (name, value) in signed)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(_options.AttemptTimeout);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token).ConfigureAwait(false);
            var payload = await ReadBodyAsync(response, attemptTimeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return payload.Length == 0
                    ? new JsonObject()
                    : JsonNode.Parse(payload.Span) ?? new JsonObject();
            }

            throw AwsErrorParser.Parse(operation, response.StatusCode, payload.Span, Header(response, "X-Amzn-ErrorType"), Header(response, "x-amzn-RequestId"));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AwsServiceException(operation, "RequestTimeout", 0, $"no response within {_options.AttemptTimeout}", true, false, null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new AwsServiceException(operation, AwsServiceException.TransportErrorCode, 0, ex.Message, true, false, null, ex);
        }
        catch (IOException ex)
        {
            throw new AwsServiceException(operation, AwsServiceException.TransportErrorCode, 0, ex.Message, true, false, null, ex);
        }
        catch (JsonException ex)
        {
            throw new AwsServiceException(operation, "MalformedResponse", HttpStatusCode.OK, ex.Message, false, false, null, ex);
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var declared = response.Content.Headers.ContentLength;
        if (declared > _options.MaxResponseBytes)
        {
            throw new IOException($"response of {declared} bytes exceeds the limit of {_options.MaxResponseBytes}");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream(declared is > 0 ? (int)declared.Value : 4096);
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _options.MaxResponseBytes)
                {
                    throw new IOException($"response exceeds the limit of {_options.MaxResponseBytes} bytes");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static class SharedHttp
    {
        public static readonly HttpClient Client = new(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 256,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }
}

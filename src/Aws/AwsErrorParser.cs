using System.Net;
using System.Text.Json;

namespace Etl.Aws;

/// <summary>Turns an AWS JSON 1.x error response into an <see cref="AwsServiceException"/>.</summary>
internal static class AwsErrorParser
{
    public static AwsServiceException Parse(string operation, HttpStatusCode status, ReadOnlySpan<byte> body, string? errorTypeHeader, string? requestId)
    {
        string? type = null;
        string? message = null;
        if (!body.IsEmpty)
        {
            try
            {
                var reader = new Utf8JsonReader(body);
                using var doc = JsonDocument.ParseValue(ref reader);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in doc.RootElement.EnumerateObject())
                    {
                        if (p.Value.ValueKind != JsonValueKind.String)
                        {
                            continue;
                        }

                        if (p.NameEquals("__type") || (type is null && p.NameEquals("code")))
                        {
                            type = p.Value.GetString();
                        }
                        else if (string.Equals(p.Name, "message", StringComparison.OrdinalIgnoreCase))
                        {
                            message = p.Value.GetString();
                        }
                    }
                }
            }
            catch (JsonException)
            {
                message = System.Text.Encoding.UTF8.GetString(body.Length > 512 ? body[..512] : body);
            }
        }

        var code = Sanitize(errorTypeHeader) ?? Sanitize(type) ?? FallbackCode(status);
        return new AwsServiceException(
            operation,
            code,
            status,
            message ?? string.Empty,
            AwsErrorClassifier.IsRetryable(code, status),
            AwsErrorClassifier.IsThrottling(code, status),
            requestId);
    }

    /// <summary>Keeps the text after the last '#' and before the first ':' ("ns#Code:http://..." → "Code").</summary>
    public static string? Sanitize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var s = raw.AsSpan().Trim();
        var colon = s.IndexOf(':');
        if (colon >= 0)
        {
            s = s[..colon];
        }

        var hash = s.LastIndexOf('#');
        if (hash >= 0)
        {
            s = s[(hash + 1)..];
        }

        return s.IsEmpty ? null : s.ToString();
    }

    private static string FallbackCode(HttpStatusCode status) => status switch
    {
        HttpStatusCode.TooManyRequests => "Throttling",
        HttpStatusCode.RequestTimeout => "RequestTimeout",
        HttpStatusCode.ServiceUnavailable => "ServiceUnavailable",
        _ when (int)status >= 500 => "InternalFailure",
        _ => "HttpStatus" + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

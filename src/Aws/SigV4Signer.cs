using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace Etl.Aws;

/// <summary>
/// Signs an AWS JSON POST with Signature Version 4. The canonical request is built here (a POST with no query
/// string and a fixed header set); the key derivation and HMAC come from AWSSDK.Core's <see cref="AWS4Signer"/>.
/// </summary>
internal static class SigV4Signer
{
    /// <summary>The headers to send, including Authorization, in the order they are signed.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Sign(
        Uri url, string region, string service, string target, string contentType, ReadOnlySpan<byte> body, ImmutableCredentials credentials, DateTime signedAtUtc)
    {
        var amzDate = signedAtUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = contentType,
            ["host"] = url.Authority,
            ["x-amz-date"] = amzDate,
            ["x-amz-target"] = target,
        };
        if (credentials.UseToken)
        {
            headers["x-amz-security-token"] = credentials.Token;
        }

        var signedHeaders = string.Join(';', headers.Keys);
        var canonical = new StringBuilder(256)
            .Append("POST\n")
            .Append(CanonicalPath(url)).Append('\n')
            .Append('\n');
        foreach (var (name, value) in headers)
        {
            canonical.Append(name).Append(':').Append(CollapseSpaces(value)).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Convert.ToHexStringLower(SHA256.HashData(body)));
        var result = AWS4Signer.ComputeSignature(credentials, region, signedAtUtc, service, signedHeaders, canonical.ToString());
        var list = new List<KeyValuePair<string, string>>(headers.Count + 1);
        foreach (var h in headers)
        {
            if (h.Key is not "host" and not "content-type")
            {
                list.Add(h);
            }
        }

        list.Add(new KeyValuePair<string, string>("Authorization", result.ForAuthorizationHeader));
        return list;
    }

    /// <summary>The canonical URI: each path segment URI-encoded again (non-S3 services double-encode), "/" if empty.</summary>
    internal static string CanonicalPath(Uri url)
    {
        var path = url.AbsolutePath;
        if (string.IsNullOrEmpty(path) || path == "/")
        {
            return "/";
        }

        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = Uri.EscapeDataString(segments[i]);
        }

        return string.Join('/', segments);
    }

    private static string CollapseSpaces(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var sb = new StringBuilder(trimmed.Length);
        var previousSpace = false;
        foreach (var c in trimmed)
        {
            if (c == ' ')
            {
                if (!previousSpace)
                {
                    sb.Append(c);
                }

                previousSpace = true;
            }
            else
            {
                sb.Append(c);
                previousSpace = false;
            }
        }

        return sb.ToString();
    }
}

using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Etl.Core.Contracts;

namespace Etl.Batching.Storage.S3;

/// <summary>
/// <see cref="IObjectStore"/> over S3 (AWSSDK.S3). Objects up to <see cref="S3ObjectStoreOptions.MultipartThreshold"/>
/// go in a single PUT; larger ones in a multipart upload of <see cref="S3ObjectStoreOptions.PartSize"/> parts, aborted
/// if any step fails, so a failed write leaves no object and no dangling parts. Every request body carries a
/// Content-MD5 that S3 verifies, and on AWS a CRC32 checksum stored with the object (per part for multipart uploads). Create-only writes use <c>If-None-Match: *</c> where the endpoint supports it.
/// Requests are retried by the SDK (standard mode, exponential backoff with jitter); what is left is thrown as
/// <see cref="AmazonS3Exception"/> for the pipeline to retry.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly IAmazonS3 _s3;
    private readonly S3ObjectStoreOptions _options;
    private readonly S3Behaviour _behaviour;
    private readonly string _prefix;

    /// <summary>Tries of a create-only PUT answered 409 ConditionalRequestConflict.</summary>
    private const int ConflictAttempts = 4;

    public S3ObjectStore(S3ObjectStoreOptions options)
        : this(options, httpClientFactory: null)
    {
    }

    /// <summary>Sends through HTTP clients made by <paramref name="httpClientFactory"/> (tests record and fail requests this way).</summary>
    internal S3ObjectStore(S3ObjectStoreOptions options, Amazon.Runtime.HttpClientFactory? httpClientFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        (var client, _behaviour) = S3ClientFactory.Create(options, httpClientFactory);
        _s3 = client;
        _options = options;
        _prefix = NormalisePrefix(options.Prefix);
    }

    public string Location => $"s3://{_options.Bucket}/{_prefix}";

    /// <summary>Whether create-only writes are atomic on this endpoint.</summary>
    public bool ConditionalWrites => _behaviour.ConditionalWrites;

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        await WriteAsync(FullKey(key), content, createOnly: false, cancellationToken);
    }

    public async Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var full = FullKey(key);
        if (!_behaviour.ConditionalWrites && await HeadAsync(full, cancellationToken))
        {
            return false;
        }

        return await WriteAsync(full, content, createOnly: _behaviour.ConditionalWrites, cancellationToken);
    }

    public async Task<Stream?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = _options.Bucket, Key = FullKey(key) }, cancellationToken);
            return new S3ResponseStream(response);
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            return null;
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => HeadAsync(FullKey(key), cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _options.Bucket, Key = FullKey(key) }, cancellationToken);

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = _prefix + (prefix ?? string.Empty) };
        do
        {
            var response = await _s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var o in response.S3Objects ?? [])
            {
                if (!o.Key.StartsWith(_prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var modified = o.LastModified is { } m ? new DateTimeOffset(DateTime.SpecifyKind(m.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.MinValue;
                yield return new ObjectInfo(o.Key[_prefix.Length..], o.Size ?? 0, modified);
            }

            request.ContinuationToken = response.NextContinuationToken;
            if (response.IsTruncated != true)
            {
                break;
            }
        }
        while (!string.IsNullOrEmpty(request.ContinuationToken));
    }

    public void Dispose()
    {
        _s3.Dispose();
    }

    private async Task<bool> WriteAsync(string key, Stream content, bool createOnly, CancellationToken cancellationToken)
    {
        var first = await ReadChunkAsync(content, checked((int)Math.Min(_options.MultipartThreshold, int.MaxValue)), cancellationToken);
        if (first.Length < _options.MultipartThreshold)
        {
            return await PutSingleAsync(key, first, createOnly, cancellationToken);
        }

        return await PutMultipartAsync(key, first, content, createOnly, cancellationToken);
    }

    private async Task<bool> PutSingleAsync(string key, byte[] body, bool createOnly, CancellationToken cancellationToken)
    {
        var md5 = Md5(body, 0, body.Length);
        for (var attempt = 1; ; attempt++)
        {
            var request = new PutObjectRequest
            {
                BucketName = _options.Bucket,
                Key = key,
                InputStream = new MemoryStream(body, writable: false),
                AutoCloseStream = true,
                MD5Digest = md5,
                ContentType = "application/octet-stream",
            };
            ApplyLocal(request);
            if (createOnly)
            {
                request.IfNoneMatch = "*";
            }

            try
            {
                await _s3.PutObjectAsync(request, cancellationToken);
                return true;
            }
            catch (AmazonS3Exception e) when (createOnly && e.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                return false;
            }
            catch (AmazonS3Exception e) when (createOnly && e.StatusCode == HttpStatusCode.Conflict && attempt < ConflictAttempts)
            {
                // Another conditional write of the key was in flight; S3 asks to retry, after which it exists or not.
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), _options.TimeProvider, cancellationToken);
            }
        }
    }

    private async Task<bool> PutMultipartAsync(string key, byte[] head, Stream rest, bool createOnly, CancellationToken cancellationToken)
    {
        var initiate = new InitiateMultipartUploadRequest { BucketName = _options.Bucket, Key = key, ContentType = "application/octet-stream" };
        if (FlexibleChecksum is { } algorithm)
        {
            initiate.ChecksumAlgorithm = algorithm;
        }

        var start = await _s3.InitiateMultipartUploadAsync(initiate, cancellationToken);
        var uploadId = start.UploadId;
        try
        {
            var parts = new List<PartETag>();
            var partNumber = 1;
            for (var offset = 0; offset < head.Length; offset += _options.PartSize)
            {
                var length = Math.Min(_options.PartSize, head.Length - offset);
                parts.Add(await UploadPartAsync(key, uploadId, partNumber++, head, offset, length, cancellationToken));
            }

            while (true)
            {
                var chunk = await ReadChunkAsync(rest, _options.PartSize, cancellationToken);
                if (chunk.Length == 0)
                {
                    break;
                }

                parts.Add(await UploadPartAsync(key, uploadId, partNumber++, chunk, 0, chunk.Length, cancellationToken));
            }

            var complete = new CompleteMultipartUploadRequest { BucketName = _options.Bucket, Key = key, UploadId = uploadId, PartETags = parts };
            if (createOnly)
            {
                complete.IfNoneMatch = "*";
            }

            await _s3.CompleteMultipartUploadAsync(complete, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (createOnly && e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            await AbortAsync(key, uploadId);
            return false;
        }
        catch
        {
            await AbortAsync(key, uploadId);
            throw;
        }
    }

    private async Task<PartETag> UploadPartAsync(string key, string uploadId, int partNumber, byte[] buffer, int offset, int length, CancellationToken cancellationToken)
    {
        var request = new UploadPartRequest
        {
            BucketName = _options.Bucket,
            Key = key,
            UploadId = uploadId,
            PartNumber = partNumber,
            InputStream = new MemoryStream(buffer, offset, length, writable: false),
            PartSize = length,
            MD5Digest = Md5(buffer, offset, length),
        };
        if (_behaviour.LocalCompatibility)
        {
            request.UseChunkEncoding = false;
        }

        if (FlexibleChecksum is { } algorithm)
        {
            request.ChecksumAlgorithm = algorithm;
        }

        var response = await _s3.UploadPartAsync(request, cancellationToken);

        // Carries the part's checksum into CompleteMultipartUpload, which needs it when the upload has an algorithm.
        return new PartETag(partNumber, response.ETag) { ChecksumCRC32 = response.ChecksumCRC32 };
    }

    private async Task AbortAsync(string key, string uploadId)
    {
        try
        {
            await _s3.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = _options.Bucket, Key = key, UploadId = uploadId }, CancellationToken.None);
        }
        catch (AmazonS3Exception)
        {
            // The upload stays incomplete; a bucket lifecycle rule for incomplete uploads removes its parts.
        }
    }

    private async Task<bool> HeadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _options.Bucket, Key = key }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            return false;
        }
    }

    /// <summary>CRC32 checksums, stored with the object, except on local endpoints that cannot take them.</summary>
    private ChecksumAlgorithm? FlexibleChecksum => _behaviour.LocalCompatibility ? null : ChecksumAlgorithm.CRC32;

    private void ApplyLocal(PutObjectRequest request)
    {
        if (_behaviour.LocalCompatibility)
        {
            request.UseChunkEncoding = false;
        }
        else
        {
            request.ChecksumAlgorithm = ChecksumAlgorithm.CRC32;
        }
    }

    private static async Task<byte[]> ReadChunkAsync(Stream stream, int max, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(max, 1024 * 1024)];
        var filled = 0;
        while (filled < max)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, max));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(filled, buffer.Length - filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        if (filled != buffer.Length)
        {
            Array.Resize(ref buffer, filled);
        }

        return buffer;
    }

    private static string Md5(byte[] buffer, int offset, int length)
    {
#pragma warning disable CA5351 // Content-MD5 is S3's integrity header, not a security use.
        return Convert.ToBase64String(MD5.HashData(buffer.AsSpan(offset, length)));
#pragma warning restore CA5351
    }

    private static bool IsNotFound(AmazonS3Exception e) => e.StatusCode == HttpStatusCode.NotFound;

    private string FullKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.StartsWith('/'))
        {
            throw new ArgumentException($"object key '{key}' must not start with '/'", nameof(key));
        }

        return _prefix + key;
    }

    private static string NormalisePrefix(string prefix) =>
        string.IsNullOrEmpty(prefix) ? string.Empty : prefix.TrimEnd('/') + "/";
}

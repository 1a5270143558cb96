using System.Net;
using Amazon.S3;
using Etl.Aws;
using Etl.Batching.Storage.S3;

namespace Etl.Batching.Tests.Storage.S3;

public sealed class S3ObjectStoreTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Put_small_object_round_trips_and_s3rver_stores_the_plain_body()
    {
        using var store = new S3ObjectStore(s3.Options("small"));
        var body = Bytes(1000, seed: 1);

        await store.PutAsync("dt=2026-11-21-08/a.parquet", new MemoryStream(body), default);

        Assert.Equal(body, await ReadAsync(store, "dt=2026-11-21-08/a.parquet"));
        // No aws-chunked framing or checksum trailer in what the emulator keeps.
        Assert.Equal(body, await File.ReadAllBytesAsync(s3.ObjectFile("small/dt=2026-11-21-08/a.parquet")));
    }

    [Fact]
    public async Task Put_large_object_goes_in_parts_and_round_trips()
    {
        var http = new RecordingHttpClientFactory();
        using var store = new S3ObjectStore(s3.Options("large", partSize: 5 * MiB, threshold: 5 * MiB), http);
        var body = Bytes((12 * MiB) + 123, seed: 2);

        await store.PutAsync("big.bin", new MemoryStream(body), default);

        Assert.Equal(body, await ReadAsync(store, "big.bin"));
        var requests = http.Requests;
        Assert.Contains(requests, r => r.StartsWith("POST /store-tests/large/big.bin?uploads", StringComparison.Ordinal));
        Assert.Equal(3, requests.Count(r => r.StartsWith("PUT /store-tests/large/big.bin?partNumber=", StringComparison.Ordinal)));
        Assert.Contains(requests, r => r.StartsWith("POST /store-tests/large/big.bin?uploadId=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Put_large_object_source_failure_aborts_the_upload_and_leaves_no_object()
    {
        var http = new RecordingHttpClientFactory();
        using var store = new S3ObjectStore(s3.Options("aborted", partSize: 5 * MiB, threshold: 5 * MiB), http);

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("broken.bin", new FailingStream(20 * MiB, failAt: 7 * MiB), default));

        Assert.False(await store.ExistsAsync("broken.bin", default));
        Assert.Contains(http.Requests, r => r.StartsWith("DELETE /store-tests/aborted/broken.bin?uploadId=", StringComparison.Ordinal));
        Assert.DoesNotContain(http.Requests, r => r.StartsWith("POST /store-tests/aborted/broken.bin?uploadId=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Put_part_rejected_by_the_service_aborts_and_throws()
    {
        var http = new RecordingHttpClientFactory
        {
            Fail = (request, _) => request.Method == HttpMethod.Put && request.RequestUri!.Query.Contains("partNumber=2", StringComparison.Ordinal)
                ? (HttpStatusCode.Forbidden, "AccessDenied")
                : null,
        };
        using var store = new S3ObjectStore(s3.Options("denied", partSize: 5 * MiB, threshold: 5 * MiB), http);

        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => store.PutAsync("x.bin", new MemoryStream(Bytes(11 * MiB, seed: 3)), default));

        Assert.Equal("AccessDenied", e.ErrorCode);
        Assert.Contains(http.Requests, r => r.StartsWith("DELETE /store-tests/denied/x.bin?uploadId=", StringComparison.Ordinal));
        Assert.False(await store.ExistsAsync("x.bin", default));
    }

    [Fact]
    public async Task Put_transient_server_error_is_retried()
    {
        var http = new RecordingHttpClientFactory { Fail = (request, n) => n == 1 ? (HttpStatusCode.InternalServerError, "InternalError") : null };
        using var store = new S3ObjectStore(s3.Options("retried"), http);
        var body = Bytes(2048, seed: 4);

        await store.PutAsync("r.bin", new MemoryStream(body), default);

        Assert.Equal(body, await ReadAsync(store, "r.bin"));
        Assert.Equal(2, http.Requests.Count(r => r.StartsWith("PUT /store-tests/retried/r.bin", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Put_sends_content_md5_that_the_emulator_verifies()
    {
        var http = new RecordingHttpClientFactory();
        var seen = new List<string?>();
        http.Fail = (request, _) =>
        {
            if (request.Method == HttpMethod.Put)
            {
                seen.Add(request.Content?.Headers.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : null);
            }

            return null;
        };
        using var store = new S3ObjectStore(s3.Options("md5"), http);
        var body = Bytes(500, seed: 5);

        await store.PutAsync("m.bin", new MemoryStream(body), default);

        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(body)), Assert.Single(seen));
    }

    [Fact]
    public async Task Put_large_object_on_an_aws_endpoint_sends_crc32_per_part_and_in_the_completion()
    {
        var http = new RecordingHttpClientFactory { Answer = AwsLikeMultipart };
        var local = s3.Options("aws-style", partSize: 5 * MiB, threshold: 5 * MiB);
        using var store = new S3ObjectStore(
            new S3ObjectStoreOptions
            {
                Bucket = local.Bucket, Prefix = local.Prefix, Endpoint = local.Endpoint, Credentials = local.Credentials,
                PartSize = local.PartSize, MultipartThreshold = local.MultipartThreshold, LocalEndpointCompatibility = false,
            },
            http);

        await store.PutAsync("c.bin", new MemoryStream(Bytes(11 * MiB, seed: 14)), default);

        var recorded = http.Recorded;
        var initiate = Assert.Single(recorded, r => r.Line.Contains("?uploads", StringComparison.Ordinal));
        Assert.Equal("CRC32", initiate.Headers["x-amz-checksum-algorithm"]);
        var parts = recorded.Where(r => r.Line.Contains("partNumber=", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.True(
            p.Headers.ContainsKey("x-amz-checksum-crc32") || (p.Headers.TryGetValue("x-amz-trailer", out var t) && t == "x-amz-checksum-crc32"),
            "part without a CRC32 checksum: " + string.Join(", ", p.Headers.Keys)));
        var complete = Assert.Single(recorded, r => r.Line.StartsWith("POST", StringComparison.Ordinal) && r.Line.Contains("uploadId=", StringComparison.Ordinal));
        Assert.True(complete.Body!.Split("<ChecksumCRC32>3q2+7w==</ChecksumCRC32>").Length - 1 == 3, complete.Body);
    }

    [Fact]
    public async Task PutIfAbsent_second_write_returns_false_and_keeps_the_first_body()
    {
        using var store = new S3ObjectStore(s3.Options("create-only"));
        var first = Bytes(100, seed: 6);

        Assert.True(await store.PutIfAbsentAsync("k.bin", new MemoryStream(first), default));
        Assert.False(await store.PutIfAbsentAsync("k.bin", new MemoryStream(Bytes(100, seed: 7)), default));

        Assert.Equal(first, await ReadAsync(store, "k.bin"));
        Assert.False(store.ConditionalWrites);
    }

    [Fact]
    public async Task PutIfAbsent_with_conditional_writes_sends_if_none_match()
    {
        var http = new RecordingHttpClientFactory();
        var headers = new List<string>();
        http.Fail = (request, _) =>
        {
            if (request.Method == HttpMethod.Put && request.Headers.TryGetValues("If-None-Match", out var values))
            {
                headers.AddRange(values);
            }

            return null;
        };
        var options = s3.Options("conditional");
        using var store = new S3ObjectStore(
            new S3ObjectStoreOptions
            {
                Bucket = options.Bucket, Prefix = options.Prefix, Endpoint = options.Endpoint, Credentials = options.Credentials, ConditionalWrites = true,
            },
            http);

        Assert.True(await store.PutIfAbsentAsync("c.bin", new MemoryStream(Bytes(10, seed: 8)), default));

        Assert.Equal(["*"], headers);
        Assert.DoesNotContain(http.Requests, r => r.StartsWith("HEAD", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PutIfAbsent_precondition_failed_returns_false()
    {
        var http = new RecordingHttpClientFactory { Fail = (request, _) => request.Method == HttpMethod.Put ? (HttpStatusCode.PreconditionFailed, "PreconditionFailed") : null };
        var options = s3.Options("precondition");
        using var store = new S3ObjectStore(
            new S3ObjectStoreOptions { Bucket = options.Bucket, Endpoint = options.Endpoint, Credentials = options.Credentials, ConditionalWrites = true },
            http);

        Assert.False(await store.PutIfAbsentAsync("p.bin", new MemoryStream(Bytes(10, seed: 9)), default));
    }

    [Fact]
    public async Task PutIfAbsent_conditional_conflict_is_retried()
    {
        var http = new RecordingHttpClientFactory { Fail = (request, n) => n == 1 ? (HttpStatusCode.Conflict, "ConditionalRequestConflict") : null };
        var options = s3.Options("conflict");
        using var store = new S3ObjectStore(
            new S3ObjectStoreOptions { Bucket = options.Bucket, Prefix = options.Prefix, Endpoint = options.Endpoint, Credentials = options.Credentials, ConditionalWrites = true },
            http);
        var body = Bytes(10, seed: 15);

        Assert.True(await store.PutIfAbsentAsync("c.bin", new MemoryStream(body), default));

        Assert.Equal(2, http.Requests.Count(r => r.StartsWith("PUT /store-tests/conflict/c.bin", StringComparison.Ordinal)));
        Assert.Equal(body, await ReadAsync(store, "c.bin"));
    }

    [Fact]
    public async Task Get_missing_key_returns_null_and_exists_is_false()
    {
        using var store = new S3ObjectStore(s3.Options("missing"));

        Assert.Null(await store.GetAsync("nothing", default));
        Assert.False(await store.ExistsAsync("nothing", default));
    }

    [Fact]
    public async Task Delete_removes_the_object()
    {
        using var store = new S3ObjectStore(s3.Options("deleted"));
        await store.PutAsync("d.bin", new MemoryStream(Bytes(10, seed: 10)), default);

        await store.DeleteAsync("d.bin", default);

        Assert.False(await store.ExistsAsync("d.bin", default));
    }

    [Fact]
    public async Task List_returns_keys_under_the_prefix_in_order_relative_to_the_store_prefix()
    {
        using var store = new S3ObjectStore(s3.Options("listed/"));
        using var other = new S3ObjectStore(s3.Options("listed-other"));
        foreach (var key in new[] { "dt=2026-11-21-09/b", "dt=2026-11-21-08/z", "dt=2026-11-21-08/a", "manifest" })
        {
            await store.PutAsync(key, new MemoryStream(Bytes(3, seed: 11)), default);
        }

        await other.PutAsync("dt=2026-11-21-08/x", new MemoryStream(Bytes(3, seed: 12)), default);

        var all = new List<string>();
        await foreach (var o in store.ListAsync("", default))
        {
            all.Add(o.Key);
            Assert.Equal(3, o.Size);
        }

        var hour = new List<string>();
        await foreach (var o in store.ListAsync("dt=2026-11-21-08/", default))
        {
            hour.Add(o.Key);
        }

        Assert.Equal(["dt=2026-11-21-08/a", "dt=2026-11-21-08/z", "dt=2026-11-21-09/b", "manifest"], all);
        Assert.Equal(["dt=2026-11-21-08/a", "dt=2026-11-21-08/z"], hour);
        Assert.Equal($"s3://{S3rverFixture.Bucket}/listed/", store.Location);
    }

    [Fact]
    public async Task Endpoint_from_AWS_ENDPOINT_URL_S3_is_used_with_path_style()
    {
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_S3"] = s3.Endpoint, ["AWS_REGION"] = "eu-west-1" };
        var options = new S3ObjectStoreOptions
        {
            Bucket = S3rverFixture.Bucket,
            Prefix = "env",
            Endpoint = new AwsEndpointSettings { EnvironmentVariable = name => env.GetValueOrDefault(name), UseProfileRegion = false },
            Credentials = new Amazon.Runtime.BasicAWSCredentials("S3RVER", "S3RVER"),
        };
        using var store = new S3ObjectStore(options);

        await store.PutAsync("e.bin", new MemoryStream(Bytes(5, seed: 13)), default);

        Assert.True(File.Exists(s3.ObjectFile("env/e.bin")));
    }

    [Theory]
    [InlineData("", 8 * MiB, 16L * MiB, "Bucket")]
    [InlineData("b", MiB, 16L * MiB, "PartSize")]
    [InlineData("b", 8 * MiB, 6L * MiB, "MultipartThreshold")]
    public void Options_invalid_setting_fails_fast_naming_it(string bucket, int partSize, long threshold, string setting)
    {
        var options = new S3ObjectStoreOptions { Bucket = bucket, PartSize = partSize, MultipartThreshold = threshold };

        var e = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("S3ObjectStoreOptions." + setting, e.Message, StringComparison.Ordinal);
    }

    // Answers the multipart calls as S3 does, with a CRC32 per part, without sending them.
    private static HttpResponseMessage? AwsLikeMultipart(HttpRequestMessage request)
    {
        var query = request.RequestUri!.Query;
        if (request.Method == HttpMethod.Post && query.Contains("uploads", StringComparison.Ordinal))
        {
            return Xml("<InitiateMultipartUploadResult><Bucket>store-tests</Bucket><Key>aws-style/c.bin</Key><UploadId>u-1</UploadId></InitiateMultipartUploadResult>");
        }

        if (request.Method == HttpMethod.Put && query.Contains("partNumber=", StringComparison.Ordinal))
        {
            var response = Xml(string.Empty);
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"etag\"");
            response.Headers.Add("x-amz-checksum-crc32", "3q2+7w==");
            return response;
        }

        if (request.Method == HttpMethod.Post && query.Contains("uploadId=", StringComparison.Ordinal))
        {
            return Xml("<CompleteMultipartUploadResult><Bucket>store-tests</Bucket><Key>aws-style/c.bin</Key><ETag>\"e-3\"</ETag></CompleteMultipartUploadResult>");
        }

        return null;
    }

    private static HttpResponseMessage Xml(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/xml") };

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAsync(S3ObjectStore store, string key)
    {
        await using var stream = await store.GetAsync(key, default);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

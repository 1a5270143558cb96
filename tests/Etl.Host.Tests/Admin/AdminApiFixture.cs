using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Etl.Host.Admin.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Etl.Host.Tests.Admin;

/// <summary>One service built through <see cref="ServiceHost.Build"/> on a loopback port with a temporary data root, shared by the admin API tests.</summary>
public sealed class AdminApiFixture : IAsyncLifetime
{
    public const string AdminKey = "admin-key-0123456789abcdef";
    public const string ReaderKey = "reader-key-0123456789abcdef";
    public const string JwtKey = "test-signing-key-with-at-least-32-bytes!";
    public const string Issuer = "etl-tests";
    public const string Audience = "etl-admin";

    private WebApplication? _app;

    public string DataRoot { get; } = Path.Combine(Path.GetTempPath(), "etl-admin-" + Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public WebApplication App => _app ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _app = ServiceHost.Build(
        [
            "--Etl:DataRoot=" + DataRoot,
            "--Etl:Demo:Enabled=false",
            "--Admin:Urls=http://127.0.0.1:0",
            "--Admin:ApiKeys:0:Name=ops-admin",
            "--Admin:ApiKeys:0:Role=admin",
            "--Admin:ApiKeys:0:Sha256=" + AdminKeyStore.HashHex(AdminKey),
            "--Admin:ApiKeys:1:Name=analyst",
            "--Admin:ApiKeys:1:Role=reader",
            "--Admin:ApiKeys:1:Sha256=" + AdminKeyStore.HashHex(ReaderKey),
            "--Admin:Jwt:SigningKey=" + JwtKey,
            "--Admin:Jwt:Issuer=" + Issuer,
            "--Admin:Jwt:Audience=" + Audience,
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Directory.Exists(DataRoot))
        {
            Directory.Delete(DataRoot, recursive: true);
        }
    }

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public HttpClient Admin() => WithKey(AdminKey);

    public HttpClient Reader() => WithKey(ReaderKey);

    public HttpClient WithKey(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        return client;
    }

    public HttpClient WithBearer(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>An HS256 token over the given header and claims, signed with <paramref name="key"/>.</summary>
    public static string Token(object claims, string key = JwtKey, string alg = "HS256")
    {
        static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var head = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg, typ = "JWT" }));
        var body = Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(head + "." + body)));
        return head + "." + body + "." + signature;
    }

    public static object Claims(string role, string subject = "alice", long? expires = null, string issuer = Issuer, string audience = Audience) => new
    {
        sub = subject,
        role,
        iss = issuer,
        aud = audience,
        exp = expires ?? DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds(),
    };
}

[CollectionDefinition(Name)]
public sealed class AdminApiCollection : ICollectionFixture<AdminApiFixture>
{
    public const string Name = "admin-api";
}

using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Etl.Host.Admin;
using Etl.Host.Configuration;
using Etl.SchemaGovernance.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Etl.Host.Tests.Admin;

public sealed partial class AdminStartupTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "etl-admin-start-" + Guid.NewGuid().ToString("N"));
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task<WebApplication> StartAsync(string mode)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(_logs);
        builder.Services.AddSingleton<ISchemaRegistry>(_ => new FolderSchemaRegistry(Path.Combine(_root, "registry"), TimeProvider.System));
        builder.Services.AddAdminApi(builder.Configuration, new EtlOptions { Mode = mode, DataRoot = _root });
        var app = builder.Build();
        app.MapAdminApi();
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Local_mode_without_credentials_logs_a_generated_admin_key_once_that_then_works()
    {
        await using var app = await StartAsync("Local");
        var logged = Assert.Single(_logs.Messages, m => m.Contains("generated the admin API key", StringComparison.Ordinal));
        var key = GeneratedKey().Match(logged).Groups[1].Value;
        using var client = app.GetTestClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        using var response = await client.GetAsync("/api/registries");
        using var audit = await client.GetAsync("/api/audit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
    }

    [Fact]
    public async Task Aws_mode_without_credentials_generates_nothing_and_refuses_every_request()
    {
        await using var app = await StartAsync("Aws");
        using var client = app.GetTestClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "anything");

        using var response = await client.GetAsync("/api/registries");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(_logs.Messages, m => m.Contains("generated the admin API key", StringComparison.Ordinal));
        Assert.Contains(_logs.Messages, m => m.Contains("every /api request will be refused", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"key (etl_[A-Za-z0-9_-]+) \(name")]
    private static partial Regex GeneratedKey();

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => new Logger(_messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}

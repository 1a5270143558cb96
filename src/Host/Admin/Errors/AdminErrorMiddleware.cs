using System.Text.Json;
using Etl.Core.Telemetry;
using Etl.Host.Admin.Security;
using Etl.SchemaGovernance.Compatibility;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Etl.SchemaGovernance.Registry;
using Microsoft.AspNetCore.Http.Features;

namespace Etl.Host.Admin;

/// <summary>
/// Runs in front of <c>/api</c>: caps the request body (413 beyond <see cref="AdminOptions.MaxRequestBodyBytes"/>) and
/// turns the exceptions callers can act on into 4xx problem details. Anything else is a fault: it is logged and
/// answered with a 500 problem that carries no internals.
/// </summary>
internal sealed class AdminErrorMiddleware(RequestDelegate next, AdminOptions options, ILogger<AdminErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.MaxRequestBodyBytes;
        }

        // Requests that match no admin endpoint (unknown path, wrong method, wrong content type) carry no authorization
        // metadata: they still need credentials, so that nothing under /api answers anonymously.
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is null
            && !(await context.AuthenticateAsync(AdminAuthenticationHandler.SchemeName)).Succeeded)
        {
            await context.ChallengeAsync(AdminAuthenticationHandler.SchemeName);
            return;
        }

        if (context.Request.ContentLength > options.MaxRequestBodyBytes)
        {
            await AdminProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"the request body is larger than {options.MaxRequestBodyBytes} bytes");
            return;
        }

        try
        {
            await next(context);
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null && context.Response.ContentType is null)
            {
                var status = context.Response.StatusCode;
                await AdminProblems.WriteAsync(context, status, Title(status), status == 404 ? $"no such resource: {context.Request.Path}" : Title(status));
            }
        }
        catch (Exception e) when (!context.Response.HasStarted && Problem(e) is { } problem)
        {
            await AdminProblems.WriteAsync(context, problem.Status, problem.Title, problem.Detail, problem.ErrorCode);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            LogMessages.AdminRequestFailed(logger, context.Request.Method, context.Request.Path.ToString(), e);
            await AdminProblems.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal Server Error", "the request failed; see the service log");
        }
    }

    private static (int Status, string Title, string Detail, string? ErrorCode)? Problem(Exception e) => e switch
    {
        SchemaRegistryException r => (r.HttpStatus, Title(r.HttpStatus), r.Message, r.ErrorCode),
        SchemaDefinitionException d => (400, "Invalid schema definition", d.Message, "InvalidInputException"),
        JsonException j => (400, "Invalid JSON", j.Message, null),
        BadHttpRequestException b => (b.StatusCode, Title(b.StatusCode), b.Message, null),
        _ => null,
    };

    private static string Title(int status) => status switch
    {
        400 => "Bad Request",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Payload Too Large",
        405 => "Method Not Allowed",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        _ => "Request Failed",
    };
}

using Microsoft.Extensions.Options;

namespace Etl.Host.Telemetry.Otlp;

/// <summary>Fails start-up with a message that names the bad <c>Telemetry:Otlp:*</c> setting.</summary>
internal sealed class OtlpExportOptionsValidator : IValidateOptions<OtlpExportOptions>
{
    public ValidateOptionsResult Validate(string? name, OtlpExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"Telemetry:Otlp:Endpoint '{endpoint}' must be an absolute http or https address.");
        }

        if (!OtlpProtocols.TryParse(options.Protocol, out _))
        {
            failures.Add($"Telemetry:Otlp:Protocol '{options.Protocol}' must be 'grpc' or 'http/protobuf'.");
        }

        if (options.ExportInterval < TimeSpan.FromMilliseconds(100) || options.ExportInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"Telemetry:Otlp:ExportInterval {options.ExportInterval:c} must be between 00:00:00.1 and 01:00:00.");
        }

        if (options.Timeout < TimeSpan.FromMilliseconds(100) || options.Timeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Telemetry:Otlp:Timeout {options.Timeout:c} must be between 00:00:00.1 and 00:05:00.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            failures.Add("Telemetry:Otlp:ServiceName must not be empty.");
        }

        if (options.Headers is { Length: > 0 } headers
            && headers.Split(',', StringSplitOptions.RemoveEmptyEntries).Any(h => h.IndexOf('=', StringComparison.Ordinal) <= 0))
        {
            failures.Add("Telemetry:Otlp:Headers must be key=value pairs separated by commas.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

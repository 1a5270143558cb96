using Microsoft.Extensions.Options;

namespace Etl.Host.Service;

/// <summary>Fails start-up with a message that names the bad <c>Service:*</c> setting.</summary>
internal sealed class ServiceOptionsValidator : IValidateOptions<ServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, ServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ShutdownTimeout < ServiceOptions.MinShutdownTimeout || options.ShutdownTimeout > ServiceOptions.MaxShutdownTimeout)
        {
            failures.Add(
                $"Service:ShutdownTimeout is {options.ShutdownTimeout:c}; it must be between {ServiceOptions.MinShutdownTimeout:c} and "
                + $"{ServiceOptions.MaxShutdownTimeout:c} (written as hh:mm:ss).");
        }

        if (string.IsNullOrWhiteSpace(options.Name) || options.Name.AsSpan().ContainsAny(['/', '\\']))
        {
            failures.Add("Service:Name must be a non-empty service name without '/' or '\\'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

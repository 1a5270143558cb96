using Etl.Aws;

namespace Etl.SchemaGovernance.Registry.Glue;

/// <summary>Maps Glue's exception names to <see cref="SchemaRegistryException"/>; other failures stay <see cref="AwsServiceException"/>.</summary>
internal static class GlueErrors
{
    /// <summary>The registry error for a Glue error the caller can act on, or null for an infrastructure failure.</summary>
    public static SchemaRegistryException? Map(AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        SchemaRegistryErrorCode? code = error.ErrorCode switch
        {
            "EntityNotFoundException" => SchemaRegistryErrorCode.EntityNotFound,
            "AlreadyExistsException" => SchemaRegistryErrorCode.AlreadyExists,
            "InvalidInputException" or "ValidationException" => SchemaRegistryErrorCode.InvalidInput,
            "ResourceNumberLimitExceededException" => SchemaRegistryErrorCode.ResourceNumberLimitExceeded,
            "ConcurrentModificationException" => SchemaRegistryErrorCode.ConcurrentModification,
            "AccessDeniedException" => SchemaRegistryErrorCode.AccessDenied,
            _ => null,
        };
        if (code is not { } known)
        {
            return null;
        }

        var message = string.IsNullOrEmpty(error.ServiceMessage) ? error.ErrorCode : error.ServiceMessage;
        return new SchemaRegistryException(known, message, error);
    }
}

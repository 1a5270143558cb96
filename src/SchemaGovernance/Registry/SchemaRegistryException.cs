namespace Etl.SchemaGovernance.Registry;

/// <summary>Why a registry operation failed; the names follow Glue's exception shapes.</summary>
public enum SchemaRegistryErrorCode
{
    /// <summary>A parameter breaks a rule (name pattern, length, definition syntax, …). HTTP 400.</summary>
    InvalidInput = 0,

    /// <summary>The registry, schema or version does not exist. HTTP 404.</summary>
    EntityNotFound = 1,

    /// <summary>The registry, schema or metadata pair already exists. HTTP 409.</summary>
    AlreadyExists = 2,

    /// <summary>A limit was reached (metadata pairs per version, version numbers). HTTP 429.</summary>
    ResourceNumberLimitExceeded = 3,

    /// <summary>The registry could not be locked in time, or the request conflicts with the current state. HTTP 409.</summary>
    ConcurrentModification = 4,

    /// <summary>The backend's credentials may not perform the operation (Glue's AccessDeniedException). HTTP 403.</summary>
    AccessDenied = 5,
}

/// <summary>A registry operation failed for a reason the caller can act on; <see cref="Code"/> maps to an HTTP status.</summary>
public sealed class SchemaRegistryException(SchemaRegistryErrorCode code, string message, Exception? inner = null) : Exception(message, inner)
{
    public SchemaRegistryErrorCode Code { get; } = code;

    /// <summary>The Glue exception name, e.g. <c>EntityNotFoundException</c>.</summary>
    public string ErrorCode => Code + "Exception";

    /// <summary>The HTTP status an admin API should answer with.</summary>
    public int HttpStatus => Code switch
    {
        SchemaRegistryErrorCode.InvalidInput => 400,
        SchemaRegistryErrorCode.EntityNotFound => 404,
        SchemaRegistryErrorCode.AlreadyExists => 409,
        SchemaRegistryErrorCode.ResourceNumberLimitExceeded => 429,
        SchemaRegistryErrorCode.AccessDenied => 403,
        _ => 409,
    };
}

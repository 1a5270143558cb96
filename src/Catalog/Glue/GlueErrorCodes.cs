namespace Etl.Catalog.Glue;

/// <summary>Glue error codes the catalog acts on.</summary>
internal static class GlueErrorCodes
{
    public const string EntityNotFound = "EntityNotFoundException";
    public const string AlreadyExists = "AlreadyExistsException";
    public const string ConcurrentModification = "ConcurrentModificationException";
}

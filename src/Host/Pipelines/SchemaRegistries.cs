using Etl.Aws;
using Etl.Host.Configuration;
using Etl.Ingest.Local;
using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry;
using Etl.SchemaGovernance.Registry.Glue;

namespace Etl.Host.Pipelines;

/// <summary>
/// The schema registry the service, the CLI and dead-letter replay share (<c>Etl:Registry:Type</c>): a folder under
/// the data root (<c>Folder</c>, the default), or the AWS Glue Schema Registry (<c>Glue</c>, endpoint and credentials by
/// the SDK conventions, e.g. <c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL_GLUE</c>). Records framed by the Glue Schema Registry
/// serializers name Glue's version ids, so GSR-framed streams from other producers need <c>Glue</c>.
/// </summary>
internal static class SchemaRegistries
{
    public const string Folder = "Folder";
    public const string Glue = "Glue";

    public static IReadOnlyList<string> Types { get; } = [Folder, Glue];

    /// <summary>Creates the configured registry; dispose it when done.</summary>
    public static ISchemaRegistry Create(string type, string dataRoot, string? region, TimeProvider time, ILoggerFactory? loggers = null) =>
        type switch
        {
            Glue => new GlueSchemaRegistry(
                new AwsJsonClient(AwsServiceEndpoint.Glue(new AwsEndpointSettings { Region = region })),
                new GlueSchemaRegistryOptions(),
                time,
                f => PairwiseCheckerFactory.Create(f),
                loggers?.CreateLogger<GlueSchemaRegistry>()),
            Folder => new FolderSchemaRegistry(new LocalPaths(dataRoot).Registry, time, f => PairwiseCheckerFactory.Create(f)),
            _ => throw new ArgumentException($"Etl:Registry:Type must be one of {string.Join(", ", Types)} (was '{type}')", nameof(type)),
        };

    /// <summary>The registry configured in <paramref name="options"/>.</summary>
    public static ISchemaRegistry Create(EtlOptions options, TimeProvider time, ILoggerFactory? loggers = null) =>
        Create(options.Registry.Type, options.DataRoot, options.Aws.Region, time, loggers);
}

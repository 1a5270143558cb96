using System.Collections.Concurrent;
using Etl.Batching.Storage.Folder;
using Etl.Core.Contracts;
using Etl.Host.Configuration;

namespace Etl.Host.Pipelines;

/// <summary>
/// The object store each pipeline writes to: the shared store (<c>Etl:Aws:Bucket</c>/<c>Prefix</c>, or the data root
/// in local mode), or one over the pipeline's own <c>Output:Bucket</c>/<c>Output:Prefix</c> (AWS) or
/// <c>Output:Folder</c> (local). Pipelines with the same location share one store. Table and partition locations in
/// the catalog are built from the store's <see cref="IObjectStore.Location"/>, so they always name where the files are.
/// </summary>
/// <param name="options">The validated configuration.</param>
/// <param name="shared">The store of pipelines without an output location of their own.</param>
/// <param name="s3">Creates an S3 store over (bucket, prefix); required in AWS mode.</param>
internal sealed class PipelineStores(EtlOptions options, IObjectStore shared, Func<string, string, IObjectStore>? s3 = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, IObjectStore> _own = new(StringComparer.Ordinal);
    private readonly string _sharedLocation = EtlOptionsValidator.OutputLocation(options, new PipelineOptions());

    /// <summary>The store of pipelines without their own output location.</summary>
    public IObjectStore Shared => shared;

    /// <summary>The store a pipeline writes its table and dead letters to.</summary>
    public IObjectStore For(PipelineOptions pipeline)
    {
        var location = EtlOptionsValidator.OutputLocation(options, pipeline);
        return string.Equals(location, _sharedLocation, StringComparison.Ordinal)
            ? shared
            : _own.GetOrAdd(location, _ => Create(pipeline, location));
    }

    private IObjectStore Create(PipelineOptions pipeline, string location)
    {
        if (options.Mode != "Aws")
        {
            return new FolderObjectStore(location);
        }

        if (s3 is null)
        {
            throw new InvalidOperationException($"pipeline '{pipeline.Name}' writes to {location}, but no S3 store factory was given");
        }

        return s3(pipeline.Output.Bucket ?? options.Aws.Bucket!, pipeline.Output.Prefix ?? options.Aws.Prefix);
    }

    public void Dispose()
    {
        foreach (var store in _own.Values)
        {
            (store as IDisposable)?.Dispose();
        }
    }
}

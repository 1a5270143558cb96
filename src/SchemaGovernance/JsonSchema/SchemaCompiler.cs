using System.Text.Json;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>
/// Compiles a JSON Schema (draft 4, 6 or 7) into a graph of <see cref="SchemaNode"/>s. Each schema location becomes
/// one node, so recursive <c>$ref</c>s become cycles in the graph. Throws <see cref="JsonSchemaException"/> for
/// schemas that are malformed or reference documents that cannot be found.
/// </summary>
internal sealed class SchemaCompiler
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 512 };

    private readonly JsonSchemaCompileOptions options;
    private readonly Dictionary<string, SchemaNode> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonDocument> documents = new(StringComparer.Ordinal);
    private readonly Queue<(SchemaNode Node, SchemaResource Resource)> pending = new();
    private SchemaIndex index = null!;
    private KeywordReader keywords = null!;

    private SchemaCompiler(JsonSchemaCompileOptions options) => this.options = options;

    public JsonSchemaDraft Draft { get; private set; }

    public static SchemaNode Compile(string schemaJson, JsonSchemaCompileOptions? options = null) =>
        Compile(schemaJson, options, out _);

    public static SchemaNode Compile(string schemaJson, JsonSchemaCompileOptions? options, out JsonSchemaDraft draft)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        var compiler = new SchemaCompiler(options ?? JsonSchemaCompileOptions.Default);
        try
        {
            var root = compiler.CompileRoot(schemaJson);
            draft = compiler.Draft;
            return root;
        }
        finally
        {
            foreach (var document in compiler.documents.Values)
            {
                document.Dispose();
            }
        }
    }

    private SchemaNode CompileRoot(string schemaJson)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(schemaJson, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new JsonSchemaException("the schema is not valid JSON: " + e.Message, e);
        }

        Draft = DetectDraft(document.RootElement) ?? options.DefaultDraft;
        index = new SchemaIndex(Draft);
        keywords = new KeywordReader(Draft);

        var root = document.RootElement;
        var documentUri = SchemaUris.DefaultBase;
        if (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("$ref", out _)
            && root.TryGetProperty(index.IdKeyword, out var id) && id.ValueKind == JsonValueKind.String)
        {
            documentUri = SchemaUris.WithoutFragment(SchemaUris.Resolve(SchemaUris.DefaultBase, id.GetString()!));
        }

        documents[documentUri] = document;
        index.AddDocument(documentUri, root);
        var node = NodeFor(new SchemaResource(documentUri, string.Empty, root, documentUri));
        while (pending.TryDequeue(out var work))
        {
            Fill(work.Node, work.Resource);
        }

        return node;
    }

    internal static JsonSchemaDraft? DetectDraft(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("$schema", out var schema)
            || schema.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var uri = schema.GetString()!;
        return uri.Contains("draft-04", StringComparison.Ordinal) ? JsonSchemaDraft.Draft4
            : uri.Contains("draft-06", StringComparison.Ordinal) ? JsonSchemaDraft.Draft6
            : uri.Contains("draft-07", StringComparison.Ordinal) ? JsonSchemaDraft.Draft7
            : null;
    }

    /// <summary>The node for a location, created (and queued for filling) on first use.</summary>
    internal SchemaNode NodeFor(SchemaResource resource)
    {
        var key = resource.Key;
        if (!nodes.TryGetValue(key, out var node))
        {
            node = new SchemaNode(key);
            nodes.Add(key, node);
            pending.Enqueue((node, resource));
        }

        return node;
    }

    internal SchemaNode Child(SchemaResource parent, JsonElement element, string pointer)
    {
        var key = parent.DocumentUri + "#" + pointer;
        var baseUri = index.BaseOf(key, parent.BaseUri);
        return NodeFor(new SchemaResource(parent.DocumentUri, pointer, element, baseUri));
    }

    internal SchemaNode ResolveRef(SchemaResource from, string reference)
    {
        var target = SchemaUris.Resolve(from.BaseUri, reference);
        var absolute = SchemaUris.WithoutFragment(target);
        var fragment = SchemaUris.Fragment(target);

        if (fragment.Length > 0 && !fragment.StartsWith('/') && index.TryGet(target, out var anchored))
        {
            return NodeFor(anchored);
        }

        if (!index.TryGet(absolute, out var resource))
        {
            LoadRemote(absolute, reference, from);
            if (!index.TryGet(absolute, out resource))
            {
                throw new JsonSchemaException($"$ref '{reference}' names an unknown schema '{absolute}'") { SchemaLocation = from.Key };
            }
        }

        if (fragment.Length > 0 && !fragment.StartsWith('/'))
        {
            throw new JsonSchemaException($"$ref '{reference}' names an unknown anchor '#{fragment}'") { SchemaLocation = from.Key };
        }

        if (!JsonPointer.TryNavigate(resource.Element, fragment, out var element))
        {
            throw new JsonSchemaException($"$ref '{reference}' points to nothing") { SchemaLocation = from.Key };
        }

        var pointer = resource.Pointer + Uri.UnescapeDataString(fragment);
        var key = resource.DocumentUri + "#" + pointer;
        return NodeFor(new SchemaResource(resource.DocumentUri, pointer, element, index.BaseOf(key, resource.BaseUri)));
    }

    private void LoadRemote(string absolute, string reference, SchemaResource from)
    {
        if (documents.ContainsKey(absolute))
        {
            return;
        }

        var text = BuiltInSchemas.Find(absolute);
        if (text is null && options.ResolveDocument is not null && Uri.TryCreate(absolute, UriKind.Absolute, out var uri))
        {
            text = options.ResolveDocument(uri);
        }

        if (text is null)
        {
            throw new JsonSchemaException($"$ref '{reference}' names a document that is not available: '{absolute}'")
            {
                SchemaLocation = from.Key,
            };
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new JsonSchemaException($"the referenced document '{absolute}' is not valid JSON", e);
        }

        documents[absolute] = document;
        var root = document.RootElement;
        var documentUri = absolute;
        index.AddDocument(documentUri, root);
    }

    private void Fill(SchemaNode node, SchemaResource resource)
    {
        try
        {
            keywords.Fill(this, node, resource);
        }
        catch (JsonSchemaException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            throw new JsonSchemaException($"invalid schema at {resource.Key}: {e.Message}", e) { SchemaLocation = resource.Key };
        }
    }
}

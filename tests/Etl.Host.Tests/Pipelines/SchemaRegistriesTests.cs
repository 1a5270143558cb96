using Etl.Host.Configuration;
using Etl.Host.Pipelines;
using Etl.SchemaGovernance.Registry;
using Etl.SchemaGovernance.Registry.Glue;

namespace Etl.Host.Tests.Pipelines;

public sealed class SchemaRegistriesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-registries-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Create_folderType_isTheFolderRegistryUnderTheDataRoot()
    {
        var registry = SchemaRegistries.Create(new EtlOptions { DataRoot = _root }, TimeProvider.System);

        Assert.IsType<FolderSchemaRegistry>(registry);
        ((IDisposable)registry).Dispose();
    }

    [Fact]
    public void Create_glueType_isTheGlueSchemaRegistry()
    {
        var options = new EtlOptions { DataRoot = _root, Registry = new RegistryOptions { Type = "Glue" }, Aws = new AwsOptions { Region = "eu-west-1" } };

        Assert.IsType<GlueSchemaRegistry>(SchemaRegistries.Create(options, TimeProvider.System));
    }

    [Theory]
    [InlineData("glue")]
    [InlineData("Confluent")]
    [InlineData("")]
    public void Validate_unknownRegistryType_namesTheSetting(string type)
    {
        var errors = EtlOptionsValidator.Validate(new EtlOptions { Registry = new RegistryOptions { Type = type } });

        Assert.Contains(errors, e => e.StartsWith("Etl:Registry:Type must be 'Folder' or 'Glue'", StringComparison.Ordinal) && e.Contains($"'{type}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_emptyRegistryName_namesTheSetting()
    {
        var errors = EtlOptionsValidator.Validate(new EtlOptions { Registry = new RegistryOptions { Name = " " } });

        Assert.Contains("Etl:Registry:Name must name a registry", errors);
    }
}

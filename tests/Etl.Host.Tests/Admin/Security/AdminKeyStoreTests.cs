using Etl.Host.Admin;
using Etl.Host.Admin.Security;

namespace Etl.Host.Tests.Admin.Security;

public sealed class AdminKeyStoreTests
{
    private static AdminApiKeyOptions Key(string name, string role, string key) => new() { Name = name, Role = role, Sha256 = AdminKeyStore.HashHex(key) };

    [Fact]
    public void Authenticate_configured_key_returns_its_name_and_role()
    {
        var store = AdminKeyStore.Create([Key("ops", "Admin", "k1"), Key("bi", "reader", "k2")], generateWhenEmpty: true);

        Assert.Equal(new AdminPrincipal("ops", AdminRoles.Admin, "api-key"), store.Authenticate("k1"));
        Assert.Equal(new AdminPrincipal("bi", AdminRoles.Reader, "api-key"), store.Authenticate("k2"));
        Assert.Null(store.Authenticate("k3"));
        Assert.Null(store.Authenticate("K1"));
        Assert.Null(store.GeneratedKey);
    }

    [Fact]
    public void Create_without_keys_in_local_mode_generates_one_admin_key_kept_as_hash()
    {
        var store = AdminKeyStore.Create([], generateWhenEmpty: true);
        var key = store.GeneratedKey;

        Assert.NotNull(key);
        Assert.True(key.Length >= 40);
        store.ForgetGeneratedKey();

        Assert.Null(store.GeneratedKey);
        Assert.Equal(new AdminPrincipal(AdminKeyStore.GeneratedKeyName, AdminRoles.Admin, "api-key"), store.Authenticate(key));
        Assert.NotEqual(key, AdminKeyStore.Create([], generateWhenEmpty: true).GeneratedKey);
    }

    [Fact]
    public void Create_without_keys_when_generation_is_off_accepts_nothing()
    {
        var store = AdminKeyStore.Create([], generateWhenEmpty: false);

        Assert.Equal(0, store.Count);
        Assert.Null(store.GeneratedKey);
        Assert.Null(store.Authenticate(""));
    }

    [Fact]
    public void HashHex_is_the_lowercase_hex_sha256_of_the_utf8_key()
    {
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", AdminKeyStore.HashHex("hello"));
    }

    [Fact]
    public void Validate_names_each_wrong_setting()
    {
        var problems = AdminKeyStore.Validate(
        [
            new AdminApiKeyOptions { Name = "", Role = "admin", Sha256 = AdminKeyStore.HashHex("a") },
            new AdminApiKeyOptions { Name = "x", Role = "owner", Sha256 = AdminKeyStore.HashHex("b") },
            new AdminApiKeyOptions { Name = "x", Role = "reader", Sha256 = "plain-text-key" },
        ]);

        Assert.Equal(
        [
            "Admin:ApiKeys:0:Name is required",
            "Admin:ApiKeys:1:Role must be 'reader' or 'admin', not 'owner'",
            "Admin:ApiKeys:2:Name 'x' is used by another key",
            "Admin:ApiKeys:2:Sha256 must be the hex SHA-256 of the key (64 hex digits)",
        ], problems);
    }

    [Fact]
    public void ServiceHost_with_invalid_admin_keys_fails_at_build_naming_the_setting()
    {
        var e = Assert.Throws<ServiceHost.ConfigurationException>(() => ServiceHost.Build(
        [
            "--Etl:DataRoot=" + Path.Combine(Path.GetTempPath(), "etl-admin-bad-" + Guid.NewGuid().ToString("N")),
            "--Etl:Demo:Enabled=false",
            "--Admin:ApiKeys:0:Name=ops",
            "--Admin:ApiKeys:0:Role=admin",
            "--Admin:ApiKeys:0:Sha256=secret",
            "--Admin:Jwt:SigningKey=short",
        ]));

        Assert.Contains("Admin:ApiKeys:0:Sha256 must be the hex SHA-256 of the key (64 hex digits)", e.Problems);
        Assert.Contains("Admin:Jwt:SigningKey must be at least 32 bytes", e.Problems);
    }
}

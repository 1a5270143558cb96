using Etl.Host.Admin;
using Etl.Host.Admin.Security;
using Etl.Host.Tests.Service;

namespace Etl.Host.Tests.Admin.Security;

public sealed class HmacJwtValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static HmacJwtValidator Validator() => new(
        new AdminJwtOptions { SigningKey = AdminApiFixture.JwtKey, Issuer = AdminApiFixture.Issuer, Audience = AdminApiFixture.Audience, ClockSkew = TimeSpan.FromSeconds(30) },
        new ManualTimeProvider(Now));

    private static object Claims(long exp, long? nbf = null, object? aud = null, string? sub = "svc") => nbf is null
        ? new { sub, role = "reader", iss = AdminApiFixture.Issuer, aud = aud ?? AdminApiFixture.Audience, exp }
        : new { sub, role = "reader", iss = AdminApiFixture.Issuer, aud = aud ?? AdminApiFixture.Audience, exp, nbf };

    [Fact]
    public void Validate_token_within_skew_of_expiry_is_accepted()
    {
        var principal = Validator().Validate(AdminApiFixture.Token(Claims(Now.AddSeconds(-20).ToUnixTimeSeconds())), out _);

        Assert.Equal(new AdminPrincipal("svc", AdminRoles.Reader, "jwt"), principal);
    }

    [Fact]
    public void Validate_token_past_expiry_and_skew_is_refused()
    {
        Assert.Null(Validator().Validate(AdminApiFixture.Token(Claims(Now.AddSeconds(-31).ToUnixTimeSeconds())), out var failure));
        Assert.Equal("bearer token has expired", failure);
    }

    [Fact]
    public void Validate_token_before_nbf_is_refused()
    {
        var token = AdminApiFixture.Token(Claims(Now.AddHours(1).ToUnixTimeSeconds(), nbf: Now.AddMinutes(5).ToUnixTimeSeconds()));

        Assert.Null(Validator().Validate(token, out var failure));
        Assert.Equal("bearer token is not valid yet", failure);
    }

    [Fact]
    public void Validate_audience_array_containing_ours_is_accepted()
    {
        var token = AdminApiFixture.Token(Claims(Now.AddHours(1).ToUnixTimeSeconds(), aud: new[] { "other", AdminApiFixture.Audience }));

        Assert.NotNull(Validator().Validate(token, out _));
    }

    [Fact]
    public void Validate_token_without_subject_is_refused()
    {
        Assert.Null(Validator().Validate(AdminApiFixture.Token(Claims(Now.AddHours(1).ToUnixTimeSeconds(), sub: null)), out var failure));
        Assert.Equal("bearer token has no sub claim", failure);
    }

    [Fact]
    public void Validate_tampered_payload_is_refused()
    {
        var parts = AdminApiFixture.Token(Claims(Now.AddHours(1).ToUnixTimeSeconds())).Split('.');
        var admin = AdminApiFixture.Token(new { sub = "svc", role = "admin", iss = AdminApiFixture.Issuer, aud = AdminApiFixture.Audience, exp = Now.AddHours(1).ToUnixTimeSeconds() }).Split('.');

        Assert.Null(Validator().Validate(parts[0] + "." + admin[1] + "." + parts[2], out var failure));
        Assert.Equal("bearer token signature does not match", failure);
    }

    [Fact]
    public void Validate_when_no_signing_key_is_configured_refuses_everything()
    {
        var validator = new HmacJwtValidator(new AdminJwtOptions(), new ManualTimeProvider(Now));

        Assert.False(validator.Enabled);
        Assert.Null(validator.Validate(AdminApiFixture.Token(Claims(Now.AddHours(1).ToUnixTimeSeconds()), key: ""), out _));
    }
}

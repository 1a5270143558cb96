using System.Security.Cryptography;
using System.Text;
using Etl.Ingest.Kpl;
using Xunit;

namespace Etl.Ingest.Tests.Kpl;

public sealed class ShortMd5Tests
{
    [Theory]
    [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("abc", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
    public void Hash_rfc1321_vectors_match(string text, string expectedHex)
    {
        Span<byte> digest = stackalloc byte[16];

        ShortMd5.Hash(Encoding.ASCII.GetBytes(text), digest);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Hash_every_length_around_block_boundaries_matches_the_platform()
    {
        var random = new Random(5);
        Span<byte> ours = stackalloc byte[16];
        for (var length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);

            ShortMd5.Hash(data, ours);

#pragma warning disable CA5351 // Reference implementation for the comparison.
            Assert.Equal(MD5.HashData(data), ours.ToArray());
#pragma warning restore CA5351
        }
    }
}

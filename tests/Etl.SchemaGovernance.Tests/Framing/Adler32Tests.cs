using System.Text;
using Etl.SchemaGovernance.Framing;
using Xunit;

namespace Etl.SchemaGovernance.Tests.Framing;

public sealed class Adler32Tests
{
    [Theory]
    [InlineData("", 0x00000001u)]
    [InlineData("Wikipedia", 0x11E60398u)]
    public void Compute_known_inputs_match_reference_values(string text, uint expected)
    {
        Assert.Equal(expected, Adler32.Compute(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Compute_long_input_matches_naive_modular_sum()
    {
        var data = Enumerable.Range(0, 100_000).Select(i => (byte)(255 - (i % 7))).ToArray();
        ulong a = 1, b = 0;
        foreach (var x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }

        Assert.Equal((uint)((b << 16) | a), Adler32.Compute(data));
    }
}

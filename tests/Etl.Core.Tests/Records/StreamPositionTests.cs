using Etl.Core.Records;

namespace Etl.Core.Tests.Records;

public sealed class StreamPositionTests
{
    [Theory]
    [InlineData("9", "10", -1)]
    [InlineData("49680425240510503971502286818085504333731829157128568850", "49680425240510503971502286818085504333731829157128568851", -1)]
    [InlineData("0010", "10", 0)]
    [InlineData("200", "199", 1)]
    public void CompareSequenceNumbers_decimalStrings_compareAsUnsignedIntegers(string a, string b, int expected) =>
        Assert.Equal(expected, StreamPosition.CompareSequenceNumbers(a, b));

    [Fact]
    public void CompareTo_sameSequence_ordersBySubSequence()
    {
        var first = new StreamPosition("s", "100", 0);
        var second = new StreamPosition("s", "100", 7);
        var third = new StreamPosition("s", "101", 0);

        Assert.True(first.CompareTo(second) < 0);
        Assert.True(second.CompareTo(third) < 0);
        Assert.Equal(0, second.CompareTo(new StreamPosition("s", "100", 7)));
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Etl.SchemaGovernance.Avro.Binary;

/// <summary>Writes Avro binary primitives to an <see cref="IBufferWriter{T}"/>.</summary>
internal sealed class AvroWriter(IBufferWriter<byte> output)
{
    public IBufferWriter<byte> Output { get; } = output;

    public void WriteLong(long value)
    {
        var span = Output.GetSpan(10);
        var n = (ulong)((value << 1) ^ (value >> 63));
        var i = 0;
        while (n >= 0x80)
        {
            span[i++] = (byte)(n | 0x80);
            n >>= 7;
        }

        span[i++] = (byte)n;
        Output.Advance(i);
    }

    public void WriteInt(int value) => WriteLong(value);

    public void WriteBoolean(bool value)
    {
        Output.GetSpan(1)[0] = value ? (byte)1 : (byte)0;
        Output.Advance(1);
    }

    public void WriteFloat(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(Output.GetSpan(4), value);
        Output.Advance(4);
    }

    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(Output.GetSpan(8), value);
        Output.Advance(8);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteLong(value.Length);
        WriteRaw(value);
    }

    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteLong(length);
        var span = Output.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        Output.Advance(length);
    }

    public void WriteRaw(ReadOnlySpan<byte> value)
    {
        Output.Write(value);
    }
}

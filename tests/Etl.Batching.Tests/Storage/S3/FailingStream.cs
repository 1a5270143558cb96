namespace Etl.Batching.Tests.Storage.S3;

/// <summary>A readable stream of <c>length</c> bytes that throws once <c>failAt</c> bytes have been read.</summary>
internal sealed class FailingStream(long length, long failAt) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= failAt)
        {
            throw new IOException("source failed");
        }

        var n = (int)Math.Min(count, Math.Min(length, failAt) - _position);
        buffer.AsSpan(offset, n).Fill(7);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

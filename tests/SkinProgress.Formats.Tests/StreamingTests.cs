using System.Text;

namespace SkinProgress.Formats.Tests;

public sealed class StreamingTests
{
    [Fact]
    public void Read_YieldsTheFirstEventLongBeforeTheEnd_ForLargeAppleHealthExport()
    {
        const int records = 200_000;
        using var export = new GeneratedExport(records);

        using var items = ActivityFileReader.Read(export, FileFormat.AppleHealthXml).GetEnumerator();
        Assert.True(items.MoveNext());

        Assert.NotNull(items.Current.Event);
        Assert.True(export.BytesServed < export.TotalBytes / 100, $"{export.BytesServed} of {export.TotalBytes} bytes were read before the first event.");
    }

    [Fact]
    public void Read_ReadsNonSeekableStream_ForEveryXmlFormat()
    {
        foreach (var (file, format) in TestFiles.Inputs.Where(i => i.Format != FileFormat.Fit))
        {
            var expected = TestFiles.ReadAll(file, format);

            var actual = ActivityFileReader.ReadAll(new NonSeekableStream(TestFiles.Bytes(file)), format);

            Assert.Equal(expected.Events, actual.Events);
        }
    }

    /// <summary>An export produced on the fly, never held whole: the reader has to stream it.</summary>
    private sealed class GeneratedExport(int records) : Stream
    {
        private static readonly byte[] Head = Encoding.UTF8.GetBytes("<HealthData locale=\"en_US\">\n");
        private static readonly byte[] Tail = Encoding.UTF8.GetBytes("</HealthData>\n");
        private static readonly byte[] Body = Encoding.UTF8.GetBytes(
            "<Record type=\"HKQuantityTypeIdentifierBodyMass\" sourceName=\"Scale\" unit=\"kg\" startDate=\"2020-01-01 07:00:00 +0000\" endDate=\"2020-01-01 07:00:00 +0000\" value=\"80\"/>\n");

        public long BytesServed { get; private set; }

        public long TotalBytes => Head.Length + ((long)Body.Length * records) + Tail.Length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var written = 0;
            while (written < count && BytesServed < TotalBytes)
            {
                buffer[offset + written++] = ByteAt(BytesServed++);
            }

            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private byte ByteAt(long position)
        {
            if (position < Head.Length)
            {
                return Head[position];
            }

            var inBody = position - Head.Length;
            var bodyLength = (long)Body.Length * records;
            return inBody < bodyLength ? Body[inBody % Body.Length] : Tail[inBody - bodyLength];
        }
    }
}

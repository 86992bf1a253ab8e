using NUnit.Framework;

namespace UnionFs.Tests.Images;

/// <summary>Container.ReadAllBytes' read loop against a file that changes length while it is read.</summary>
public sealed class ReadWholeTests
{
    // A file that grew after its length was taken (a WriteAllBytes racing the read: empty when measured, written when
    // read): the byte that probed for the end belongs to the result. It used to be dropped (699 of 700 bytes).
    [TestCase(0, 3)]
    [TestCase(2, 5)]
    public void ReadWhole_FileGrewAfterLengthWasTaken_KeepsEveryByte(int reportedLength, int actualLength)
    {
        var bytes = Enumerable.Range(1, actualLength).Select(b => (byte)b).ToArray();
        using var stream = new LengthLaggingStream(bytes, reportedLength);

        Assert.That(Container.ReadWhole(stream), Is.EqualTo(bytes));
    }

    [Test]
    public void ReadWhole_FileShrankAfterLengthWasTaken_ReturnsWhatIsThere()
    {
        using var stream = new LengthLaggingStream([1, 2], reportedLength: 4);

        Assert.That(Container.ReadWhole(stream), Is.EqualTo(new byte[] { 1, 2 }));
    }

    /// <summary>Reports the length the file had when measured; its bytes are what a later read finds.</summary>
    private sealed class LengthLaggingStream(byte[] bytes, long reportedLength) : MemoryStream(bytes, writable: false)
    {
        private bool _measured;

        public override long Length
        {
            get
            {
                if (_measured)
                {
                    return base.Length;
                }

                _measured = true;
                return reportedLength;
            }
        }
    }
}

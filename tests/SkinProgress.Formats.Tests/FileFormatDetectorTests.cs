using System.Text;

namespace SkinProgress.Formats.Tests;

public sealed class FileFormatDetectorTests
{
    public static TheoryData<string, FileFormat> Fixtures()
    {
        var data = new TheoryData<string, FileFormat>();
        foreach (var (file, format) in TestFiles.Inputs)
        {
            data.Add(file, format);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Detect_RecognisesFixtureFromContent_EvenWhenRenamed(string file, FileFormat format)
    {
        var renamed = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.txt");
        File.Copy(TestFiles.PathOf(file), renamed);
        try
        {
            var head = File.ReadAllBytes(renamed).AsSpan();
            Assert.Equal(format, FileFormatDetector.Detect(head[..Math.Min(head.Length, FileFormatDetector.HeadLength)]));
        }
        finally
        {
            File.Delete(renamed);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello world")]
    [InlineData("<html><body/></html>")]
    [InlineData("<?xml version=\"1.0\"?><!-- nothing after this comment")]
    [InlineData("{\"json\": true}")]
    public void Detect_ReturnsNull_ForUnknownBytes(string text)
    {
        Assert.Null(FileFormatDetector.Detect(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Detect_ReturnsNull_ForRandomBytes()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);

        Assert.Null(FileFormatDetector.Detect(bytes));
    }

    [Fact]
    public void Detect_SkipsBomDeclarationAndComments_BeforeTheRoot()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""
            <?xml version="1.0"?>
            <!-- exported by something -->
            <tcx:TrainingCenterDatabase xmlns:tcx="x"/>
            """)).ToArray();

        Assert.Equal(FileFormat.Tcx, FileFormatDetector.Detect(bytes));
    }

    [Fact]
    public void Detect_RecognisesZip()
    {
        Assert.Equal(FileFormat.AppleHealthZip, FileFormatDetector.Detect([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]));
    }
}

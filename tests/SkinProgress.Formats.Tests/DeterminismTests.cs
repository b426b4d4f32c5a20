namespace SkinProgress.Formats.Tests;

public sealed class DeterminismTests
{
    public static TheoryData<string, FileFormat> ReadableFixtures()
    {
        var data = new TheoryData<string, FileFormat>();
        foreach (var (file, format) in TestFiles.Inputs.Where(i => !i.File.Contains("unexpected-eof", StringComparison.Ordinal) && !i.File.Contains("filecrc", StringComparison.Ordinal)))
        {
            data.Add(file, format);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReadableFixtures))]
    public void Read_YieldsIdenticalIdsAndContent_WhenTheSameFileIsReadTwice(string file, FileFormat format)
    {
        var first = TestFiles.ReadAll(file, format);
        var second = TestFiles.ReadAll(file, format);

        Assert.Equal(first.Events, second.Events);
        Assert.Equal(first.Warnings, second.Warnings);
    }
}

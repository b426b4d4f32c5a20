using SkinProgress.Formats.Fit;

namespace SkinProgress.Formats.Tests.Fit;

public sealed class FitDecoderTests
{
    private const ushort Record = 20;

    [Theory]
    [InlineData("fit/garmin-fenix-5-run.fit", "fit/garmin-fenix-5-run-records.csv")]
    [InlineData("fit/garmin-edge-820-bike.fit", "fit/garmin-edge-820-bike-records.csv")]
    public void Decode_MatchesEveryRecordOfTheOracle(string fit, string oracle)
    {
        using var stream = TestFiles.Open(fit);
        var records = FitDecoder.Decode(stream).Where(m => m.GlobalNumber == Record).ToList();
        var rows = FitOracle.Rows(oracle);

        Assert.Equal(rows.Count, records.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var record = records[i];
            Assert.Equal(FitOracle.PacificDaylightTime(row[0]), FitOracle.FitTime(record.Timestamp!.Value));
            Assert.Equal(FitOracle.Number(row[1]), record.GetValue(3));
            Assert.Equal(FitOracle.Number(row[2]), record.GetValue(4));
            Assert.Equal(FitOracle.Number(row[3]), (record.GetValue(73) ?? record.GetValue(6)!.Value) / 1000, 6);
            Assert.Equal(FitOracle.Number(row[4]), record.GetValue(5)!.Value / 100, 6);
            Assert.Equal(FitOracle.Number(row[5]), record.GetValue(0));
            Assert.Equal(FitOracle.Number(row[6]), record.GetValue(1));
            Assert.Equal(FitOracle.Number(row[7]), ((record.GetValue(78) ?? record.GetValue(2)!.Value) / 5) - 500, 6);
            Assert.Equal(FitOracle.Number(row[8]), record.GetValue(13));
        }
    }

    [Fact]
    public void Decode_ResolvesCompressedTimestampsAndAccumulatesSpeedDistance_ForForerunner70File()
    {
        using var stream = TestFiles.Open("fit/compressed-speed-distance.fit");
        var records = FitDecoder.Decode(stream).Where(m => m.GlobalNumber == Record).ToList();
        var rows = FitOracle.Rows("fit/compressed-speed-distance-records.csv");

        // The first record carries only the start timestamp; the oracle lists the records after it.
        Assert.Equal([FitMessage.TimestampField], records[0].FieldNumbers);
        Assert.Equal(17217864u, records[0].Timestamp);
        Assert.Equal(rows.Count, records.Count - 1);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var record = records[i + 1];
            Assert.Equal(uint.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture), record.Timestamp);
            Assert.Equal(FitOracle.Number(row[1]), record.GetValue(3));
            Assert.Equal(FitOracle.Number(row[2]), record.GetValue(6)!.Value / 1000, 6);
            Assert.Equal(FitOracle.Number(row[3]), record.GetValue(5)!.Value / 100, 6);
            Assert.Equal(row[4] == "null" ? null : FitOracle.Number(row[4]), record.GetValue(4));
        }
    }

    [Fact]
    public void Decode_ReadsPastDeveloperFields_ForStrydFile()
    {
        using var stream = TestFiles.Open("fit/developer-types-sample.fit");
        var messages = FitDecoder.Decode(stream).ToList();

        var records = messages.Where(m => m.GlobalNumber == Record).ToList();
        Assert.Equal(3424, records.Count);
        Assert.Single(messages, m => m.GlobalNumber == 207);
        Assert.Equal(4, messages.Count(m => m.GlobalNumber == 206));
        Assert.Contains(records, r => r.DeveloperFieldCount > 0);
        Assert.All(records, r => Assert.NotNull(r.Timestamp));
    }

    [Fact]
    public void Decode_YieldsTheRecoverableRecordsThenReportsTruncation_ForUnexpectedEofFile()
    {
        using var stream = TestFiles.Open("fit/activity-unexpected-eof.fit");
        var records = 0;

        var ex = Assert.Throws<BrokenFileException>(() =>
        {
            foreach (var message in FitDecoder.Decode(stream))
            {
                records += message.GlobalNumber == Record ? 1 : 0;
            }
        });

        Assert.Equal("truncated", ex.Problem);
        Assert.Equal(768, ex.ByteOffset);
        Assert.Equal(14, records);
    }

    [Fact]
    public void Decode_ReportsBadFileCrc_ForFileCrcFile()
    {
        using var stream = TestFiles.Open("fit/activity-filecrc.fit");

        var ex = Assert.Throws<BrokenFileException>(() => FitDecoder.Decode(stream).ToList());

        Assert.Equal("bad_file_crc", ex.Problem);
        Assert.Equal(769, ex.ByteOffset);
    }

    [Fact]
    public void Decode_ReportsBadHeaderCrc_WhenHeaderByteIsChanged()
    {
        var bytes = TestFiles.Bytes("fit/garmin-fenix-5-run.fit");
        Assert.Equal(14, bytes[0]);
        bytes[2] ^= 0x01;

        var ex = Assert.Throws<BrokenFileException>(() => FitDecoder.Decode(new MemoryStream(bytes)).ToList());

        Assert.Equal("bad_header_crc", ex.Problem);
    }

    [Fact]
    public void Decode_ReadsChainedFilesInTurn_WhenTwoFilesAreBackToBack()
    {
        var chained = TestFiles.Bytes("fit/garmin-fenix-5-run.fit").Concat(TestFiles.Bytes("fit/garmin-edge-820-bike.fit")).ToArray();

        var messages = FitDecoder.Decode(new MemoryStream(chained)).ToList();

        Assert.Equal(21, messages.Count(m => m.FileIndex == 0 && m.GlobalNumber == Record));
        Assert.Equal(15, messages.Count(m => m.FileIndex == 1 && m.GlobalNumber == Record));
    }

    [Fact]
    public void Decode_ReadsBigEndianOddSizedRedefinedAndCompressedMessages_InHandBuiltFile()
    {
        var file = FitFileBuilder.Build(
            // Local 0, big-endian record: timestamp uint32, heart_rate uint8, a 3-byte "uint16" field, speed uint16.
            [0x40, 0, 1, 0, 20, 4, 253, 4, 0x86, 3, 1, 0x02, 50, 3, 0x84, 6, 2, 0x84],
            [0x00, 0x30, 0x00, 0x00, 0x01, 0x78, 0xAA, 0xBB, 0xCC, 0x0B, 0xB8],
            // Local 1, little-endian record with heart_rate only, then a compressed-timestamp message (offset 5) using it.
            [0x41, 0, 0, 20, 0, 1, 3, 1, 0x02],
            [0xA5, 0xFF],
            // Local 0 redefined mid-file.
            [0x40, 0, 0, 20, 0, 1, 3, 1, 0x02],
            [0x00, 0x50]);

        var records = FitDecoder.Decode(new MemoryStream(file)).ToList();

        Assert.Equal(3, records.Count);
        Assert.Equal(0x30000001u, records[0].Timestamp);
        Assert.Equal(120, records[0].GetValue(3));
        Assert.Null(records[0].GetValue(50));
        Assert.Equal(3000, records[0].GetValue(6));
        Assert.Equal(0x30000005u, records[1].Timestamp);
        Assert.Null(records[1].GetValue(3));
        Assert.Equal(80, records[2].GetValue(3));
        Assert.Null(records[2].Timestamp);
    }

    [Fact]
    public void Decode_ReadsNonSeekableStream()
    {
        using var stream = new NonSeekableStream(TestFiles.Bytes("fit/developer-types-sample.fit"));

        Assert.Equal(3424, FitDecoder.Decode(stream).Count(m => m.GlobalNumber == Record));
    }

    [Fact]
    public void Decode_AllocatesLittlePerMessage_WhenADefinitionHas255EmptyFields()
    {
        // Each data message is its one header byte; two arrays sized for 255 values would be over 2 KiB a byte of input.
        const int messages = 10_000;
        byte[] definition = [0x40, 0, 0, (byte)Record, 0, 255, .. Enumerable.Range(0, 255).SelectMany(field => new byte[] { (byte)field, 0, 0x86 })];
        var file = FitFileBuilder.Build(definition, new byte[messages]);
        using var stream = new MemoryStream(file);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var decoded = FitDecoder.Decode(stream).Count();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(messages, decoded);
        Assert.True(allocated < 128 * 1024 + (messages * 256L), $"{allocated} bytes allocated for {messages} one-byte messages.");
    }
}

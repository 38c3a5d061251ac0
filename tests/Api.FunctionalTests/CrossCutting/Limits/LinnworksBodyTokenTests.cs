using System.Buffers;
using System.Text;
using ChannelBridge.Api.Infrastructure;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

/// <summary>The token read from a Linnworks body before the turn (ADR-025), as the endpoints' JSON options read it.</summary>
public class LinnworksBodyTokenTests
{
    [Theory]
    [InlineData("""{"AuthorizationToken":"t-1","PageNumber":1}""", "t-1")]
    [InlineData("""{"PageNumber":1,"Orders":[{"AuthorizationToken":"nested"}],"authorizationTOKEN":"t-2"}""", "t-2")]
    [InlineData("""{ /* a comment */ "AuthorizationToken" : "t-3", }""", "t-3")]
    [InlineData("""{"Authorization\u0054oken":"t-4"}""", "t-4")]
    [InlineData("""{"AuthorizationToken":"first","AuthorizationToken":"last"}""", "first")]
    [InlineData("""{"AuthorizationToken":12345}""", null)]
    [InlineData("""{"AuthorizationToken":null}""", null)]
    [InlineData("""{"PageNumber":1}""", null)]
    [InlineData("""["AuthorizationToken","t-5"]""", null)]
    [InlineData("""{"AuthorizationToken":"t-6" """, "t-6")]
    [InlineData("""{"Other":"x" "AuthorizationToken":"t-7"}""", null)]
    [InlineData("", null)]
    [InlineData("""{"AuthorizationToken":"\ud800"}""", null)]
    [InlineData("""{"AuthorizationToken":"t-8\udc00"}""", null)]
    [InlineData("""{"Authorization\ud800":1,"AuthorizationToken":"t-9"}""", null)]
    public void TheFirstTopLevelStringToken_IsFound(string body, string? token)
    {
        LinnworksBodyToken.Find(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(body))).Should().Be(token);
    }

    /// <summary>Bodies whose whole decides the token: found, none before the object ends, not an object, or not JSON.</summary>
    public static TheoryData<string> DecidingBodies =>
    [
        """{"AuthorizationToken":"t-1","PageNumber":1}""",
        """{"PageNumber":1,"Orders":[{"AuthorizationToken":"nested"}],"authorizationTOKEN":"t-2"}""",
        """{"PageNumber":1,"Orders":[{"AuthorizationToken":"nested","Lines":[[1,{"a":[]}]]}],"authorizationTOKEN":"t-2"}""",
        """{ /* a comment */ "AuthorizationToken" : "t-3", }""",
        """{"Authorization\u0054oken":"t-4"}""",
        """{"AuthorizationToken":"first","AuthorizationToken":"last"}""",
        """{"Other":{"AuthorizationToken":"inner"},"Deeper":[{"x":{"y":[{}]}}],"AuthorizationToken":"t-5"}""",
        """{"AuthorizationToken":12345}""",
        """{"PageNumber":1}""",
        """["AuthorizationToken","t-5"]""",
        """{"Other":"x" "AuthorizationToken":"t-7"}""",
        """﻿{"AuthorizationToken":"t-8"}""",
    ];

    [Theory]
    [MemberData(nameof(DecidingBodies))]
    public void WhatTheStartOfABodyDecides_IsWhatTheWholeBodyAnswers(string body)
    {
        // Every prefix, as the body's first bytes arrive: once one decides, its answer is the whole body's, and no
        // prefix decides on a token the whole body does not have.
        var bytes = Encoding.UTF8.GetBytes(body);
        var whole = LinnworksBodyToken.Find(new ReadOnlySequence<byte>(bytes));
        for (var length = 0; length <= bytes.Length; length++)
        {
            var (decided, token) = LinnworksBodyToken.FindAtStart(new ReadOnlySequence<byte>(bytes, 0, length));
            if (decided)
            {
                token.Should().Be(whole, $"the first {length} bytes decided");
            }
        }

        LinnworksBodyToken.FindAtStart(new ReadOnlySequence<byte>(bytes)).Should().Be((true, whole), "each of these bodies has its token, or ends its object, or is not one");
    }

    [Theory]
    [MemberData(nameof(DecidingBodies))]
    public void ABodyReadAsItArrives_DecidesAsItsPrefixesReadAfreshDo(string body)
    {
        // One scan handed the body from its start as each byte arrives, reading on from where it stopped: at every length
        // it answers what a fresh look at that prefix answers, and the whole body's answer at the end.
        var bytes = Encoding.UTF8.GetBytes(body);
        var scan = new LinnworksBodyToken.Scan();
        for (var length = 0; length <= bytes.Length; length++)
        {
            var prefix = new ReadOnlySequence<byte>(bytes, 0, length);
            scan.Advance(prefix, isFinalBlock: false).Should().Be(LinnworksBodyToken.FindAtStart(prefix), $"after {length} bytes");
        }

        scan.Advance(new ReadOnlySequence<byte>(bytes), isFinalBlock: true).Should().Be((true, LinnworksBodyToken.Find(new ReadOnlySequence<byte>(bytes))));
    }

    [Fact]
    public void ABodyWhoseTokenComesLast_IsReadOnceAsItArrives()
    {
        // 2 MB of items before the token, arriving in the pre-read's 16 KiB segments. Read afresh at each, the reader
        // would be handed 135 MB for it: CPU before the call's turn, for anyone, with any token.
        var bytes = Encoding.UTF8.GetBytes($$"""{"Products":[{{string.Join(",", Enumerable.Range(0, 60_000).Select(i => $$"""{"SKU":"SKU-{{i:D6}}","Quantity":{{i % 50}}}"""))}}],"AuthorizationToken":"t-9"}""");
        var scan = new LinnworksBodyToken.Scan();
        for (var length = 16 * 1024; length < bytes.Length; length += 16 * 1024)
        {
            scan.Advance(new ReadOnlySequence<byte>(bytes, 0, length), isFinalBlock: false).Should().Be((false, (string?)null));
        }

        scan.Advance(new ReadOnlySequence<byte>(bytes), isFinalBlock: true).Should().Be((true, "t-9"));
        scan.BytesExamined.Should().BeLessThan(bytes.Length + (bytes.Length / (16 * 1024) + 1) * 1024L, "each byte is read once, and at most a partial token again at each segment");
    }

    [Fact]
    public void TheStartOfABody_DecidesOnlyOnceTheTokenHasArrived()
    {
        const string body = """{"AuthorizationToken":"t-1","PageNumber":1}""";
        LinnworksBodyToken.FindAtStart(Bytes(body[..20])).Should().Be((false, (string?)null));
        LinnworksBodyToken.FindAtStart(Bytes(body[..26])).Should().Be((false, (string?)null), "the value is still arriving");
        LinnworksBodyToken.FindAtStart(Bytes(body[..28])).Should().Be((true, "t-1"));
        LinnworksBodyToken.FindAtStart(Bytes("""{"Products":[{"SKU":"A"}""")).Should().Be((false, (string?)null), "the token may come after the items");
        LinnworksBodyToken.FindAtStart(Bytes("""{"PageNumber":1}""")).Should().Be((true, (string?)null), "the object ended without one");
    }

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void AValueLongerThanAnyToken_IsNotRead()
    {
        var longest = new string('t', 512);
        LinnworksBodyToken.Find(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes($$"""{"AuthorizationToken":"{{longest}}"}"""))).Should().Be(longest);
        LinnworksBodyToken.Find(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes($$"""{"{{new string('n', 10_000)}}":1,"AuthorizationToken":"{{new string('t', 10_000)}}"}"""))).Should().BeNull();
    }

    [Fact]
    public void ATokenThatIsNotUtf8_IsNoToken()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("""{"AuthorizationToken":"t-"""), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\"}")];

        LinnworksBodyToken.Find(new ReadOnlySequence<byte>(bytes)).Should().BeNull();
    }

    [Fact]
    public void AByteOrderMark_AndABodyInSegments_AreRead()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($$"""{"Products":[{{string.Join(",", Enumerable.Repeat("""{"SKU":"A","Quantity":1}""", 2000))}}],"AuthorizationToken":"t-8"}""")).ToArray();

        LinnworksBodyToken.Find(InSegments(bytes, 16 * 1024)).Should().Be("t-8");
    }

    private static ReadOnlySequence<byte> InSegments(byte[] bytes, int size)
    {
        var chunks = bytes.Chunk(size).ToList();
        var first = new Segment(chunks[0], 0);
        var last = first;
        foreach (var chunk in chunks.Skip(1))
        {
            last = last.Append(chunk);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

using Dapper;
using ChannelBridge.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>
/// <see cref="SqlDialect.CharsOf"/> against SQLite's own <c>length()</c> of the stored text, bound as the service binds
/// it (a string, or UTF-8 bytes cast to TEXT): a store's counts gain the one and lose the other (ADR-039).
/// </summary>
public class TextLengthTests
{
    // ASCII, two- and three-byte characters, a character past U+FFFF as its pair, and each half of a pair alone.
    private static readonly string[] Pieces = ["a", "{", "\"", "é", "€", "中", "\U0001F525", "\U0001D11E", "\uD83D", "\uDD25"];

    [Fact]
    public void CharsOf_CountsAsSqliteMeasuresWhatItStored()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var random = new Random(24);
        for (var i = 0; i < 2000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => Pieces[random.Next(Pieces.Length)]));

            var asString = connection.ExecuteScalar<long>("SELECT length(@Text)", new { Text = text });
            var asUtf8 = connection.ExecuteScalar<long>("SELECT length(CAST(@Utf8 AS TEXT))", new { Utf8 = System.Text.Encoding.UTF8.GetBytes(text) });

            SqlDialect.Sqlite.CharsOf(text).Should().Be(asString, "bound as a string: {0}", Escaped(text));
            SqlDialect.Sqlite.CharsOf(text).Should().Be(asUtf8, "bound as UTF-8: {0}", Escaped(text));
        }
    }

    private static string Escaped(string text) => string.Concat(text.Select(c => c < 128 ? c.ToString() : $"\\u{(int)c:X4}"));
}

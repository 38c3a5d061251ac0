using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ChannelBridge.Application.UnitTests.Architecture;

/// <summary>
/// Shapes of the production code a reviewer would otherwise check by hand, read from the sources under <c>src/</c> with
/// Roslyn's parser: methods short enough to read at a glance, and no ambient per-call state.
/// </summary>
public class CodeShapeTests
{
    private const int MaxMethodLines = 40;

    /// <summary>Parsed once for the class: the sources do not change while the tests run.</summary>
    private static readonly Lazy<List<(string Path, SyntaxTree Tree)>> Sources = new(ParseSources);

    [Fact]
    public void NoMethodInSrc_IsLongerThanFortyLines()
    {
        var tooLong = SourceTrees()
            .SelectMany(t => t.Tree.GetRoot().DescendantNodes().Where(HasBody).Select(n => (t.Path, Node: n, Lines: Lines(n))))
            .Where(m => m.Lines > MaxMethodLines)
            .Select(m => $"{m.Path}:{m.Node.GetLocation().GetLineSpan().StartLinePosition.Line + 1} {Name(m.Node)} ({m.Lines} lines)")
            .ToList();

        tooLong.Should().BeEmpty($"a method of more than {MaxMethodLines} lines does more than one thing; split it");
    }

    [Fact]
    public void NothingInSrc_KeepsPerCallStateInAnAsyncLocal()
    {
        var ambient = SourceTrees()
            .SelectMany(t => t.Tree.GetRoot().DescendantNodes().OfType<GenericNameSyntax>()
                .Where(g => g.Identifier.Text == "AsyncLocal")
                .Select(g => $"{t.Path}:{g.GetLocation().GetLineSpan().StartLinePosition.Line + 1}"))
            .ToList();

        ambient.Should().BeEmpty("a call's state is the scoped CallContext, passed or injected where it is used");
    }

    [Fact]
    public void TheChecks_SeeTheSources()
    {
        // Guards the two tests above against passing on an empty or wrong folder.
        SourceTrees().Should().Contain(t => t.Path.EndsWith("CallContext.cs", StringComparison.Ordinal));
        SourceTrees().Sum(t => t.Tree.GetRoot().DescendantNodes().Count(HasBody)).Should().BeGreaterThan(500);
    }

    private static bool HasBody(SyntaxNode node) => node switch
    {
        BaseMethodDeclarationSyntax m => m.Body is not null || m.ExpressionBody is not null,
        LocalFunctionStatementSyntax l => l.Body is not null || l.ExpressionBody is not null,
        AccessorDeclarationSyntax a => a.Body is not null || a.ExpressionBody is not null,
        _ => false,
    };

    private static int Lines(SyntaxNode node)
    {
        var span = node.GetLocation().GetLineSpan();
        return span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
    }

    private static string Name(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        ConstructorDeclarationSyntax c => c.Identifier.Text,
        LocalFunctionStatementSyntax l => l.Identifier.Text,
        _ => node.Kind().ToString(),
    };

    private static List<(string Path, SyntaxTree Tree)> SourceTrees() => Sources.Value;

    private static List<(string Path, SyntaxTree Tree)> ParseSources()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        return [.. Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(src, f), CSharpSyntaxTree.ParseText(File.ReadAllText(f))))];
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ChannelBridge.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ChannelBridge.slnx not found above " + AppContext.BaseDirectory);
    }
}

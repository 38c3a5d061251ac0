using System.Reflection;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>
/// docs/operations.md is where whoever runs the service looks a setting up: every property of every options section the
/// service binds is named there, so a setting added without a line fails here.
/// </summary>
public class SettingsDocumentedTests
{
    /// <summary>Settings read under another name, which is the one documented.</summary>
    private static readonly Dictionary<string, string> DocumentedAs = new(StringComparer.Ordinal)
    {
        ["Database:ConnectionString"] = "ConnectionStrings:ChannelBridge",
    };

    [Fact]
    public void EverySettingOfEveryOptionsSection_IsNamedInOperationsMd()
    {
        var page = File.ReadAllText(Path.Combine(Tests.RepositoryRoot.Path, "docs", "operations.md"));
        var lines = page.Split('\n');

        var settings = Settings().ToList();
        var undocumented = settings.Where(s => !IsDocumented(s.Section, s.Name, page, lines)).Select(s => $"{s.Section}:{s.Name}");

        settings.Should().Contain(("Orders", "MaxOrdersPerStore"), "the sections are found in the service's assemblies");
        undocumented.Should().BeEmpty("docs/operations.md names every setting an operator can change");
    }

    /// <summary>Named as <c>Section:Name</c>, or in a row of its section that names it (<c>`Section:…`</c> or <c>`Name`</c>).</summary>
    private static bool IsDocumented(string section, string name, string page, string[] lines) =>
        page.Contains($"{section}:{name}", StringComparison.Ordinal) ||
        page.Contains($"`{section}:…`", StringComparison.Ordinal) ||
        lines.Any(l => l.Contains($"`{section}:", StringComparison.Ordinal) && l.Contains($"`{name}`", StringComparison.Ordinal)) ||
        (DocumentedAs.TryGetValue($"{section}:{name}", out var other) && page.Contains(other, StringComparison.Ordinal));

    /// <summary>Every (section, property) of the classes that declare a <c>SectionName</c> in the service's assemblies.</summary>
    private static IEnumerable<(string Section, string Name)> Settings() =>
        new[] { typeof(Program).Assembly, typeof(ChannelBridge.Application.Common.RateLimitOptions).Assembly, typeof(ChannelBridge.Infrastructure.Webhooks.WebhookOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true })
                .Select(p => ((string)t.GetField("SectionName")!.GetValue(null)!, p.Name)));
}

using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>
/// docs/licences.md is what an operator's licence review reads. It is held to what the build really restores: every
/// package shipped with the service (the service project's whole package graph, as NuGet resolved it) and every package
/// version the repository pins, each with the licence its own package declares. A package added, upgraded or dropped
/// without the page changing fails here, and so does a licence other than a permissive one without a note saying why
/// it is acceptable.
/// </summary>
public partial class LicenceInventoryTests
{
    /// <summary>Licences a reviewer accepts without a note: permissive, no copyleft, no commercial terms.</summary>
    private static readonly HashSet<string> Permissive = new(StringComparer.Ordinal) { "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause" };

    [Fact]
    public void EveryPackageShippedWithTheService_IsListedWithTheLicenceItDeclares()
    {
        var shipped = ShippedPackages();
        var listed = ListedPackages("Shipped with the service");

        shipped.Should().NotBeEmpty();
        listed.Keys.Should().BeEquivalentTo(shipped.Keys, "docs/licences.md lists exactly the packages the service's build resolves");
        foreach (var (name, package) in shipped)
        {
            listed[name].Version.Should().Be(package.Version, $"{name}'s version in docs/licences.md");
            listed[name].Declared.Should().Be(DeclaredLicence(package), $"{name}'s licence as its package declares it");
        }
    }

    [Fact]
    public void EveryPinnedPackageNotShipped_IsListedWithTheLicenceItDeclares()
    {
        var shipped = ShippedPackages();
        var pinned = PinnedVersions().Where(p => !shipped.ContainsKey(p.Key)).ToDictionary();
        var listed = ListedPackages("Not shipped");

        listed.Keys.Should().BeEquivalentTo(pinned.Keys, "docs/licences.md lists every version Directory.Packages.props pins that the service does not ship");
        foreach (var (name, version) in pinned)
        {
            listed[name].Version.Should().Be(version, $"{name}'s version in docs/licences.md");
            listed[name].Declared.Should().Be(DeclaredLicence(new Package(version, PackageFolder(name, version))), $"{name}'s licence as its package declares it");
        }
    }

    [Fact]
    public void EveryLicenceNotPlainlyPermissive_CarriesAReviewNote()
    {
        var unreviewed = ListedPackages("Shipped with the service").Concat(ListedPackages("Not shipped"))
            .Where(p => !Permissive.Contains(p.Value.Declared) && string.IsNullOrWhiteSpace(p.Value.Note))
            .Select(p => $"{p.Key} ({p.Value.Declared})");

        unreviewed.Should().BeEmpty("a licence file, a licence URL or a licence other than MIT, Apache-2.0 or BSD needs a reviewer's note");
    }

    private sealed record Package(string Version, string Folder);

    private sealed record Listed(string Version, string Declared, string Note);

    /// <summary>The service project's package graph as NuGet resolved it (its assets file, written by restore).</summary>
    private static Dictionary<string, Package> ShippedPackages()
    {
        var assets = Path.Combine(Tests.RepositoryRoot.Path, "artifacts", "obj", "Api", "project.assets.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(assets));
        var root = document.RootElement;
        var packages = root.GetProperty("packageFolders").EnumerateObject().First().Name;
        var target = root.GetProperty("targets").EnumerateObject().Single(t => !t.Name.Contains('/', StringComparison.Ordinal));
        return target.Value.EnumerateObject()
            .Where(p => p.Value.GetProperty("type").GetString() == "package")
            .Select(p => (Key: p.Name, Path: root.GetProperty("libraries").GetProperty(p.Name).GetProperty("path").GetString()!))
            .ToDictionary(p => p.Key.Split('/')[0], p => new Package(p.Key.Split('/')[1], Path.Combine(packages, p.Path)), StringComparer.OrdinalIgnoreCase);
    }

    private static Dictionary<string, string> PinnedVersions() =>
        XDocument.Load(Path.Combine(Tests.RepositoryRoot.Path, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);

    /// <summary>Where restore put a package that is not in the service's graph: the same global folder.</summary>
    private static string PackageFolder(string name, string version)
    {
        var assets = Path.Combine(Tests.RepositoryRoot.Path, "artifacts", "obj", "Api", "project.assets.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(assets));
        var packages = document.RootElement.GetProperty("packageFolders").EnumerateObject().First().Name;
        return Path.Combine(packages, name.ToLowerInvariant(), version.ToLowerInvariant());
    }

    /// <summary>The licence as the package's nuspec declares it: its SPDX expression, else "file NAME", else "URL".</summary>
    private static string DeclaredLicence(Package package)
    {
        var nuspec = Directory.GetFiles(package.Folder, "*.nuspec").Single();
        var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        var license = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "license");
        return license switch
        {
            not null when (string?)license.Attribute("type") == "expression" => license.Value.Trim(),
            not null => "file " + license.Value.Trim(),
            null when metadata.Elements().Any(e => e.Name.LocalName == "licenseUrl") => "URL",
            _ => "none",
        };
    }

    /// <summary>The rows of the table under the heading that starts with <paramref name="heading"/>.</summary>
    private static Dictionary<string, Listed> ListedPackages(string heading)
    {
        var page = File.ReadAllText(Path.Combine(Tests.RepositoryRoot.Path, "docs", "licences.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = page.IndexOf("\n## " + heading, StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, $"docs/licences.md has a section \"## {heading}\"");
        var end = page.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? page[start..] : page[start..end];
        return TableRow().Matches(section)
            .Where(m => m.Groups["name"].Value != "Package")
            .ToDictionary(
                m => m.Groups["name"].Value,
                m => new Listed(m.Groups["version"].Value, m.Groups["declared"].Value.Trim(), m.Groups["note"].Value.Trim()),
                StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^\| `?(?<name>[A-Za-z0-9_.\-]+)`? \| (?<version>[0-9][^ |]*) \| (?<declared>[^|]+)\|(?<note>[^|]*)\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}

///////////////////////////////////////////////////////////////////////////////
// ChannelBridge build: Restore → Build (warnings as errors) → Test; Clean only when asked for.
// Usage: ./build.sh [--target=Default|Clean|Build|Test|Coverage|Run|Publish|Bench] [--configuration=Release]
///////////////////////////////////////////////////////////////////////////////
#load "build/bench.cake"

///////////////////////////////////////////////////////////////////////////////
// ARGUMENTS
///////////////////////////////////////////////////////////////////////////////
var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");
var testFilter = Argument("test-filter", string.Empty);

///////////////////////////////////////////////////////////////////////////////
// GLOBAL VARIABLES
///////////////////////////////////////////////////////////////////////////////
var solution = "./ChannelBridge.slnx";
var artifacts = Directory("./artifacts");
var testResults = artifacts + Directory("test-results");

///////////////////////////////////////////////////////////////////////////////
// TASKS
///////////////////////////////////////////////////////////////////////////////
Task("Clean").Does(() =>
{
    CleanDirectory(testResults);
    DotNetClean(solution, new DotNetCleanSettings { Configuration = configuration, Verbosity = DotNetVerbosity.Quiet });
});

// Clean is a target of its own (./build.sh --target=Clean), not a step of every build: incremental builds stay
// incremental, and a clean clone has nothing to clean. Test empties its results folder itself.
Task("Restore").Does(() => DotNetRestore(solution));

Task("Build").IsDependentOn("Restore").Does(() =>
    DotNetBuild(solution, new DotNetBuildSettings
    {
        Configuration = configuration,
        NoRestore = true,
        MSBuildSettings = new DotNetMSBuildSettings().TreatAllWarningsAs(MSBuildTreatAllWarningsAs.Error)
            .WithProperty("ContinuousIntegrationBuild", "true"),
    }));

Task("Test").IsDependentOn("Build").Does(() =>
{
    CleanDirectory(testResults); // the closing line counts every TRX file here: only this run's
    var failed = false;
    foreach (var project in GetFiles("./tests/**/*.csproj"))
    {
        try
        {
            DotNetTest(project.FullPath, new DotNetTestSettings
            {
                Configuration = configuration,
                NoBuild = true,
                NoRestore = true,
                Filter = string.IsNullOrEmpty(testFilter) ? null : testFilter,
                Loggers = { $"trx;LogFileName={project.GetFilenameWithoutExtension()}.trx" },
                ResultsDirectory = testResults,
                ArgumentCustomization = args => args.Append("--blame-hang-timeout 5m"),
            });
        }
        catch (Exception ex)
        {
            Error(ex.Message);
            failed = true;
        }
    }

    PrintSummary();
    if (failed)
    {
        throw new Exception("Tests failed.");
    }
});

// Line and branch coverage of src by each test project (coverlet's collector, Cobertura files under
// artifacts/coverage): ./build.sh --target=Coverage
Task("Coverage").IsDependentOn("Build").Does(() =>
{
    var coverage = artifacts + Directory("coverage");
    CleanDirectory(coverage);
    foreach (var project in GetFiles("./tests/**/*.csproj"))
    {
        DotNetTest(project.FullPath, new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            NoRestore = true,
            Collectors = { "XPlat Code Coverage" },
            ResultsDirectory = coverage + Directory(project.GetFilenameWithoutExtension().ToString()),
            ArgumentCustomization = args => args.Append("--blame-hang-timeout 5m")
                .Append("--").Append("DataCollectionRunSettings.DataCollectors.DataCollector.Configuration.Include=[ChannelBridge.Domain]*,[ChannelBridge.Application]*,[ChannelBridge.Infrastructure]*,[ChannelBridge.Api]*"),
        });
    }

    foreach (var file in GetFiles($"{coverage}/**/coverage.cobertura.xml"))
    {
        var root = System.Xml.Linq.XDocument.Load(file.FullPath).Root;
        double Rate(string name) => double.Parse(root.Attribute(name).Value, System.Globalization.CultureInfo.InvariantCulture) * 100;
        var project = file.GetDirectory().GetParent().GetDirectoryName();
        var assemblies = string.Join(", ", root.Descendants("package").Select(p => p.Attribute("name").Value).OrderBy(n => n));
        Information($"{project}: lines {Rate("line-rate"):F1}%, branches {Rate("branch-rate"):F1}% of {assemblies} ({MakeAbsolute(Directory(".")).GetRelativePath(file)})");
    }
});

Task("Run").Does(() => DotNetRun("./src/Api/Api.csproj"));

// Framework-dependent (needs the ASP.NET Core 10 runtime) to artifacts/publish, and self-contained linux-x64 to
// artifacts/publish-linux-x64 (runs as is: ./ChannelBridge.Api). Both start with `ASPNETCORE_ENVIRONMENT=Production`.
Task("Publish").IsDependentOn("Build").Does(() =>
{
    DotNetPublish("./src/Api/Api.csproj", new DotNetPublishSettings
    {
        Configuration = configuration,
        NoBuild = true,
        OutputDirectory = artifacts + Directory("publish"),
    });
    DotNetPublish("./src/Api/Api.csproj", new DotNetPublishSettings
    {
        Configuration = configuration,
        Runtime = "linux-x64",
        SelfContained = true,
        OutputDirectory = artifacts + Directory("publish-linux-x64"),
    });
});

// The platform's typed clients (clients/ChannelBridge.Client, clients/typescript), generated with NSwag from the
// service's OpenAPI document by the same code the drift test runs (GeneratedClientsTests), so they never drift:
// ./build.sh --target=Clients after a Channel API change, then commit what changed. Also packs the C# client.
Task("Clients").IsDependentOn("Build").Does(() =>
{
    DotNetTest("./tests/Api.FunctionalTests/Api.FunctionalTests.csproj", new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        NoRestore = true,
        Filter = "FullyQualifiedName~GeneratedClientsTests",
        EnvironmentVariables = { ["CHANNELBRIDGE_WRITE_CLIENTS"] = "1" },
    });
    DotNetPack("./clients/ChannelBridge.Client/ChannelBridge.Client.csproj", new DotNetPackSettings
    {
        Configuration = configuration,
        OutputDirectory = artifacts + Directory("packages"),
    });
});

// Benchmarks and the simulator's load mode; rewrites docs/performance.md from benchmarks/performance.template.md.
// ./build.sh --target=Bench [--bench-orders=1000000] [--bench-listings=100000] [--bench-sellers=8] [--bench-seconds=20] [--bench-curve-seconds=10]
Task("Bench").IsDependentOn("Build").Does(() => RunBenchmarks(configuration, artifacts));

// Only the Bench's full-shape ingest against an earlier commit (--bench-baseline), printed: ./build.sh --target=BenchBaseline --configuration=Release
Task("BenchBaseline").IsDependentOn("Build").Does(() =>
{
    var bench = artifacts + Directory("bench-baseline");
    CleanDirectory(bench);
    var build = configuration.ToLowerInvariant();
    foreach (var line in IngestAgainstBaseline(
        MakeAbsolute(File($"./artifacts/bin/Api/{build}/ChannelBridge.Api.dll")).FullPath,
        MakeAbsolute(File($"./artifacts/bin/LinnworksSimulator/{build}/ChannelBridge.LinnworksSimulator.dll")).FullPath,
        bench))
    {
        Information(line);
    }
});

Task("Default").IsDependentOn("Test");

RunTarget(target);

///////////////////////////////////////////////////////////////////////////////
// HELPERS
///////////////////////////////////////////////////////////////////////////////



// The closing line CI reads: totals over every TRX file of this run.
void PrintSummary()
{
    int passed = 0, failed = 0, skipped = 0;
    foreach (var trx in GetFiles($"{testResults}/*.trx"))
    {
        var xml = System.Xml.Linq.XDocument.Load(trx.FullPath);
        var counters = xml.Descendants().First(e => e.Name.LocalName == "Counters");
        int Count(string name) => int.TryParse(counters.Attribute(name)?.Value, out var n) ? n : 0;
        passed += Count("passed");
        failed += Count("failed") + Count("error") + Count("timeout") + Count("aborted");
        skipped += Count("total") - Count("executed");
    }

    // Plain Console output: no colour codes in the line CI parses.
    Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
}

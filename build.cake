///////////////////////////////////////////////////////////////////////////////
// ChannelBridge build: Clean → Restore → Build (warnings as errors) → Test.
// Usage: ./build.sh [--target=Default|Build|Test|Run|Publish] [--configuration=Release]
///////////////////////////////////////////////////////////////////////////////

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

Task("Restore").IsDependentOn("Clean").Does(() => DotNetRestore(solution));

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

Task("Run").Does(() => DotNetRun("./src/Api/Api.csproj"));

Task("Publish").IsDependentOn("Build").Does(() =>
    DotNetPublish("./src/Api/Api.csproj", new DotNetPublishSettings
    {
        Configuration = configuration,
        NoBuild = true,
        OutputDirectory = artifacts + Directory("publish"),
    }));

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

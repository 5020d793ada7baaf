using Gateway.Licences;

namespace Gateway.Tests.Adoption;

/// <summary>
/// Everything the gateway ships has a licence that lets it ship under Apache-2.0, and NOTICE says so as the package
/// metadata says it today. The rules are infra/licences' (LicencePolicy, KnownLicences); these specs run them on the real
/// restore of the Gateway project and on VENDOR.md.
/// </summary>
public sealed class LicenceSpecs
{
    private static readonly Repository Repo = Repository.Above(AppContext.BaseDirectory);

    [Fact]
    public void Every_NuGet_package_the_gateway_ships_has_a_licence_compatible_with_Apache_2_0()
    {
        var closure = PackageClosure.Read(Repo.Assets);

        Assert.True(closure.Packages.Count > 20, $"only {closure.Packages.Count} packages read from {Repo.Assets}: is the closure still read?");
        var problems = LicenceCheck.Packages(closure);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_vendored_file_is_listed_with_its_package_a_compatible_licence_and_its_hash()
    {
        var vendored = VendoredFiles.Read(Repo.Vendor);

        Assert.NotEmpty(vendored.Files);
        var problems = LicenceCheck.Vendored(vendored, Repo.Vendor);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void NOTICE_lists_what_the_package_metadata_and_VENDOR_md_say_today()
    {
        var expected = Notice.Render(PackageClosure.Read(Repo.Assets), VendoredFiles.Read(Repo.Vendor), Repo.Vendor);
        var actual = File.Exists(Repo.Notice) ? File.ReadAllText(Repo.Notice) : "";

        var (want, have) = (expected.Split('\n'), actual.Split('\n'));
        var line = Enumerable.Range(0, Math.Max(want.Length, have.Length))
            .FirstOrDefault(i => i >= want.Length || i >= have.Length || want[i] != have[i], -1);
        if (line >= 0)
            Assert.Fail($"NOTICE is out of date (run bash infra/licences.sh): line {line + 1} is " +
                $"'{(line < have.Length ? have[line] : "")}', expected '{(line < want.Length ? want[line] : "")}'");
    }

    [Theory]
    [InlineData("MIT", false, true)]
    [InlineData("Apache-2.0 OR MPL-2.0", false, true)]
    [InlineData("(MIT OR GPL-2.0-only) AND BSD-3-Clause", false, true)]
    [InlineData("Apache-2.0 WITH LLVM-exception", false, true)]
    [InlineData("OFL-1.1", true, true)]
    [InlineData("OFL-1.1", false, false)]
    [InlineData("MPL-2.0", false, false)]
    [InlineData("GPL-3.0-only", false, false)]
    [InlineData("MIT AND GPL-2.0-only", false, false)]
    [InlineData("LicenseRef-Proprietary", false, false)]
    [InlineData("MIT OR", false, false)]
    [InlineData("", false, false)]
    public void The_policy_takes_permissive_licences_OFL_for_fonts_only_and_the_permissive_branch_of_a_choice(string expression, bool font, bool allowed) =>
        Assert.Equal(allowed, LicencePolicy.Refusal(expression, font) is null);

    [Fact]
    public void A_package_with_only_an_unmapped_licence_URL_is_refused_by_name()
    {
        var folder = Directory.CreateTempSubdirectory("licences-");
        try
        {
            var assets = FakeRestore(folder.FullName, "Acme.Widgets", "1.2.3",
                "<licenseUrl>https://example.org/acme-licence.html</licenseUrl>");

            var problems = LicenceCheck.Packages(PackageClosure.Read(assets));

            var problem = Assert.Single(problems);
            Assert.Contains("Acme.Widgets 1.2.3", problem);
            Assert.Contains("https://example.org/acme-licence.html", problem);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A restore of one project depending on one package whose .nuspec metadata holds <paramref name="licence"/>.</summary>
    private static string FakeRestore(string folder, string id, string version, string licence)
    {
        var cache = Path.Combine(folder, "packages") + "/";
        var package = Path.Combine(cache, id.ToLowerInvariant(), version);
        Directory.CreateDirectory(package);
        File.WriteAllText(Path.Combine(package, id.ToLowerInvariant() + ".nuspec"),
            $"""<?xml version="1.0"?><package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"><metadata><id>{id}</id><version>{version}</version>{licence}</metadata></package>""");
        var assets = Path.Combine(folder, "project.assets.json");
        File.WriteAllText(assets, $$"""
            {
              "targets": { "net10.0": { "{{id}}/{{version}}": { "type": "package" } } },
              "libraries": { "{{id}}/{{version}}": { "type": "package", "path": "{{id.ToLowerInvariant()}}/{{version}}" } },
              "packageFolders": { "{{cache.Replace("\\", "\\\\")}}": {} },
              "project": {
                "version": "1.0.0",
                "restore": { "projectName": "Gateway" },
                "frameworks": { "net10.0": { "dependencies": { "{{id}}": { "target": "Package" } } } }
              }
            }
            """);
        return assets;
    }
}

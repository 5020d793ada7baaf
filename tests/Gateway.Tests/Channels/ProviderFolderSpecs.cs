using Gateway.Channels;
using NetArchTest.Rules;

namespace Gateway.Tests.Channels;

/// <summary>
/// A channel is one folder and one registration (README, "Adding a provider"): every provider folder of gateway/Gateway/Channels
/// has one <see cref="IChannel"/> named after it, and uses what the providers share (the Channels root), never another provider.
/// </summary>
public sealed class ProviderFolderSpecs
{
    private static readonly System.Reflection.Assembly Gateway = typeof(Program).Assembly;

    /// <summary>The provider folders, from the namespaces under Gateway.Channels.</summary>
    private static readonly string[] Providers = [.. Gateway.GetTypes()
        .Select(type => type.Namespace?.Split('.') ?? [])
        .Where(parts => parts.Length >= 3 && parts[0] == "Gateway" && parts[1] == "Channels")
        .Select(parts => parts[2])
        .Distinct()
        .Order(StringComparer.Ordinal)];

    [Fact]
    public void The_provider_folders_are_found() =>
        Assert.Superset(new HashSet<string> { "Infobip", "Kannel", "Twilio", "Ussd", "WhatsAppCloud" }, Providers.ToHashSet());

    [Fact]
    public void Every_provider_folder_has_one_registration_named_after_it()
    {
        foreach (var provider in Providers)
        {
            var registrations = Gateway.GetTypes()
                .Where(type => type.Namespace == $"Gateway.Channels.{provider}" && typeof(IChannel).IsAssignableFrom(type))
                .Select(type => type.Name)
                .ToList();
            Assert.True(registrations.SequenceEqual([provider + "Channel"]), $"{provider}: {string.Join(", ", registrations)}");
        }
    }

    [Fact]
    public void No_provider_folder_depends_on_another()
    {
        foreach (var provider in Providers)
        {
            var others = Providers.Where(other => other != provider).Select(other => $"Gateway.Channels.{other}").ToArray();
            var result = Types.InAssembly(Gateway)
                .That().ResideInNamespace($"Gateway.Channels.{provider}")
                .Should().NotHaveDependencyOnAny(others)
                .GetResult();
            Assert.True(result.IsSuccessful, $"{provider} depends on another provider: {string.Join(", ", result.FailingTypes?.Select(type => type.FullName) ?? [])}");
        }
    }
}

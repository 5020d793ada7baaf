using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Settings;

/// <summary>
/// Registers an options class the one way every feature should: bound from its configuration section, each value
/// readable as its type, then its rules (<see cref="SettingRuleAttribute"/>, <c>Range</c>, <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>)
/// checked when the host starts. A bad value stops start-up with one sentence per setting, "Outbox:BatchSize must be
/// between 1 and 10000; it is -5.", all settings of all sections at once (the host gathers every validator's failures).
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class
    {
        // Before binding: the binder's own failure ("Failed to convert configuration value ...") is a stack trace that
        // names the type's property, not what the operator may write.
        var builder = services.AddOptions<T>()
            .Configure<IConfiguration>((_, configuration) => SettingValues.ThrowIfUnreadable<T>(configuration.GetSection(section)))
            .BindConfiguration(section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>>(new SettingRules<T>(section)));
        services.AddSingleton(new ValidatedSection(typeof(T), provider => _ = provider.GetRequiredService<IOptions<T>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SettingsCheck>());
        return builder;
    }
}

using MediaCoop.Api.Uploads.Imaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaCoop.Tests.Uploads.Imaging;

[TestFixture]
public sealed class ImagingRegistrationTests
{
    [Test]
    public void AddImaging_binds_the_imaging_section_and_registers_the_engine_as_singletons()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Imaging:MinPixels"] = "2000000",
            ["Imaging:DecodeTimeout"] = "00:00:30",
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddImaging().BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ImagingOptions>>().Value;
        var (inspector, inspectorAgain) = (provider.GetRequiredService<ImageInspector>(), provider.GetRequiredService<ImageInspector>());
        var (renditions, renditionsAgain) = (provider.GetRequiredService<RenditionBuilder>(), provider.GetRequiredService<RenditionBuilder>());
        Assert.Multiple(() =>
        {
            Assert.That(options.MinPixels, Is.EqualTo(2_000_000));
            Assert.That(options.DecodeTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(options.MaxPixels, Is.EqualTo(100_000_000));
            Assert.That(inspectorAgain, Is.SameAs(inspector));
            Assert.That(renditionsAgain, Is.SameAs(renditions));
        });
    }

    [Test]
    public void Out_of_range_options_are_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Imaging:MaxConcurrentDecodes"] = "0",
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddImaging().BuildServiceProvider();
        Assert.That(() => provider.GetRequiredService<IOptions<ImagingOptions>>().Value, Throws.InstanceOf<OptionsValidationException>());
    }
}

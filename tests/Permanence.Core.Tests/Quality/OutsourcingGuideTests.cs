using Permanence.Core.Quality;

namespace Permanence.Core.Tests.Quality;

public sealed class OutsourcingGuideTests
{
    [Theory]
    [InlineData(0, VolumeBand.InHouse)]
    [InlineData(29.9, VolumeBand.InHouse)]
    [InlineData(30, VolumeBand.SharedCover)]
    [InlineData(50, VolumeBand.SharedCover)]
    [InlineData(50.1, VolumeBand.DedicatedCover)]
    public void Volumes_fall_in_the_guide_s_bands_at_30_and_50_calls_a_day(double callsPerDay, VolumeBand band) =>
        OutsourcingGuide.BandOf(callsPerDay).ShouldBe(band);

    [Theory]
    [InlineData(29.9, "under ~30")]
    [InlineData(30, "30–50")]
    [InlineData(50.1, "over ~50")]
    public void The_staffing_advice_follows_the_bands(double callsPerDay, string advice) =>
        StaffingPlan.VolumeAdvice(callsPerDay).ShouldStartWith(advice);
}

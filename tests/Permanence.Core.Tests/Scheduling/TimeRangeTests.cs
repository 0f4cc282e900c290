using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;

namespace Permanence.Core.Tests.Scheduling;

public sealed class TimeRangeTests
{
    private static readonly Instant T = Instant.FromUtc(2026, 3, 3, 9, 0);
    private static TimeRange Minutes(int from, int to) => new(T + Duration.FromMinutes(from), T + Duration.FromMinutes(to));

    [Theory]
    [InlineData(0, 30, 30, 60, false)]
    [InlineData(0, 30, 29, 60, true)]
    [InlineData(0, 60, 10, 20, true)]
    [InlineData(10, 20, 0, 10, false)]
    [InlineData(0, 30, 15, 15, false)]
    public void Ranges_are_half_open(int aFrom, int aTo, int bFrom, int bTo, bool overlap)
    {
        Minutes(aFrom, aTo).Overlaps(Minutes(bFrom, bTo)).ShouldBe(overlap);
        Minutes(bFrom, bTo).Overlaps(Minutes(aFrom, aTo)).ShouldBe(overlap);
    }

    [Fact]
    public void A_range_cannot_end_before_it_starts() => Should.Throw<ArgumentException>(() => Minutes(10, 0));

    [Fact]
    public void Two_appointments_conflict_when_their_blocked_ranges_overlap_for_one_practitioner()
    {
        var doctor = PractitionerId.New();
        var type = AppointmentTypeId.New();
        var first = new ExistingAppointment(doctor, type, Minutes(0, 30), Minutes(0, 40));
        var second = new ExistingAppointment(doctor, type, Minutes(35, 60), Minutes(35, 60));
        var touching = new ExistingAppointment(doctor, type, Minutes(40, 60), Minutes(40, 60));
        var colleague = new ExistingAppointment(PractitionerId.New(), type, Minutes(0, 30), Minutes(0, 30));

        ActiveAppointmentsMustNotOverlap.Conflict(first, second).ShouldBeTrue();
        ActiveAppointmentsMustNotOverlap.Conflict(first, touching).ShouldBeFalse();
        ActiveAppointmentsMustNotOverlap.IsSatisfiedBy([first, touching, colleague]).ShouldBeTrue();
        ActiveAppointmentsMustNotOverlap.Violations([first, second, touching]).ShouldBe([(first, second), (second, touching)]);
    }
}

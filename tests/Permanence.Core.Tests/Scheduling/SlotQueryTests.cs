using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;

namespace Permanence.Core.Tests.Scheduling;

public sealed class SlotQueryTests
{
    private static readonly Instant From = Instant.FromUtc(2026, 3, 3, 0, 0);

    [Fact]
    public void Request_values_become_a_query_with_a_default_page_size()
    {
        var query = SlotQuery.Create(Agendas.Consultation(), From, From + Duration.FromDays(7), [], patientIsNew: false).Value!;

        query.Window.ShouldBe(new TimeRange(From, From + Duration.FromDays(7)));
        query.Limit.ShouldBe(20);
    }

    [Fact]
    public void Every_bad_request_value_is_reported_by_field_name()
    {
        var result = SlotQuery.Create(Agendas.Consultation(), From, From, [], patientIsNew: false, limit: 0);

        result.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldBe(["to", "limit"], ignoreOrder: true);
    }
}

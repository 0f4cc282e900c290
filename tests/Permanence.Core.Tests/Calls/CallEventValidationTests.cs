using Permanence.Core.Calls;
using Permanence.Core.Common;

namespace Permanence.Core.Tests.Calls;

public sealed class CallEventValidationTests
{
    private static CallEventInput Valid() =>
        new("evt-1", "call-1", "transferred", "+33612345678", "+33142860001", "2026-11-23T09:15:00+01:00", null, "+33142860002");

    [Theory]
    [InlineData("eventId", "evt-\u00001")]
    [InlineData("callId", "call\u001b[2J")]
    [InlineData("from", "+3361234\u00005678")]
    [InlineData("to", "+33142860001\u0000")]
    [InlineData("transferTo", "+3314286\n0002")]
    [InlineData("callId", "call\u0085-1")]
    public void A_control_character_in_a_text_field_is_an_error_on_that_field(string field, string value)
    {
        var input = field switch
        {
            "eventId" => Valid() with { EventId = value },
            "callId" => Valid() with { CallId = value },
            "from" => Valid() with { From = value },
            "to" => Valid() with { To = value },
            "transferTo" => Valid() with { TransferTo = value },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        };

        var errors = CallEventValidation.Validate(input).Error.ShouldBeOfType<ValidationError>().Fields;

        errors.Keys.ShouldBe([field]);
    }

    [Fact]
    public void White_space_around_an_id_is_trimmed_not_refused()
    {
        var validated = CallEventValidation.Validate(Valid() with { EventId = " evt-1\r\n", CallId = "\tcall-1 " });

        validated.Value.ShouldNotBeNull();
        (validated.Value.EventId, validated.Value.ProviderCallId).ShouldBe(("evt-1", "call-1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_call_without_caller_id_is_kept_as_anonymous_not_refused(string? from)
    {
        var validated = CallEventValidation.Validate(Valid() with { From = from });

        validated.Value.ShouldNotBeNull();
        validated.Value.From.ShouldBe(CallerIds.Anonymous);
        CallerIds.IsWithheld(validated.Value.From).ShouldBeTrue();
    }

    [Fact]
    public void A_caller_id_longer_than_a_number_can_be_is_refused()
    {
        var errors = CallEventValidation.Validate(Valid() with { From = new string('1', CallEventValidation.MaxNumberLength + 1) }).Error.ShouldBeOfType<ValidationError>().Fields;

        errors.Keys.ShouldBe(["from"]);
    }
}

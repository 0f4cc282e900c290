using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Messaging;

namespace Permanence.Data.Configuration;

/// <summary>Stores strongly typed ids as their Guid.</summary>
internal static class StronglyTypedIdConverters
{
    internal sealed class PracticeIdConverter() : ValueConverter<PracticeId, Guid>(id => id.Value, value => new PracticeId(value));
    internal sealed class PractitionerIdConverter() : ValueConverter<PractitionerId, Guid>(id => id.Value, value => new PractitionerId(value));
    internal sealed class PatientIdConverter() : ValueConverter<PatientId, Guid>(id => id.Value, value => new PatientId(value));
    internal sealed class AppointmentTypeIdConverter() : ValueConverter<AppointmentTypeId, Guid>(id => id.Value, value => new AppointmentTypeId(value));
    internal sealed class AppointmentIdConverter() : ValueConverter<AppointmentId, Guid>(id => id.Value, value => new AppointmentId(value));
    internal sealed class CallIdConverter() : ValueConverter<CallId, Guid>(id => id.Value, value => new CallId(value));
    internal sealed class MessageIdConverter() : ValueConverter<MessageId, Guid>(id => id.Value, value => new MessageId(value));
    internal sealed class StaffUserIdConverter() : ValueConverter<StaffUserId, Guid>(id => id.Value, value => new StaffUserId(value));
}

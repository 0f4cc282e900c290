using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;

namespace Permanence.Web.Scheduling;

/// <summary>The time was taken (or the daily cap reached) before this booking: the next free slots are offered.</summary>
public sealed record SlotTaken(string Message, IReadOnlyList<Slot> Alternatives, DateTimeZone Zone) : Error(Message);

using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Messaging;
using Permanence.Core.Patients;
using Permanence.Core.Scheduling;
using Permanence.Core.Triage;
using Permanence.Web.Calls;
using Permanence.Web.Scheduling;

namespace Permanence.Web.Console.Calls;

/// <summary>
/// The guided six-step call (accueil, identification, motif, reformulation, action, conclusion). Each step is recorded
/// through the call-record service as soon as the secretary confirms it, so the record and its timings are the API's.
/// </summary>
public sealed partial class CallPanel
{
    public const int StepCount = 6;
    private const int SlotsShown = 5;

    [Parameter, EditorRequired]
    public CallPopupDto Popup { get; set; } = default!;

    [Parameter, EditorRequired]
    public DeskPractice Practice { get; set; } = default!;

    [Parameter, EditorRequired]
    public string SecretaryName { get; set; } = "";

    [Parameter, EditorRequired]
    public ClaimsPrincipal User { get; set; } = default!;

    /// <summary>Raised once the call is wrapped up.</summary>
    [Parameter]
    public EventCallback OnWrappedUp { get; set; }

    private readonly HashSet<int> _done = [];
    private int _step;
    private string? _error;
    private string? _status;
    private bool _wrappedUp;
    private ElementReference _stepFocus;
    private ElementReference _newPatientFocus;
    private ElementReference _messageFocus;
    private ElementReference _firstSlot;
    private ElementReference _panel;
    private FocusTarget _focusTarget = FocusTarget.Step;

    /// <summary>What to focus after the next render; element references exist only once rendered.</summary>
    private enum FocusTarget
    {
        None,
        Step,
        NewPatient,
        Message,
        FirstSlot,
        Panel,
    }

    private List<CallerCandidateDto> _candidates = [];
    private string? _searchLastName;
    private DateOnly? _searchBirthDate;
    private bool _showNewPatient;
    private string? _newLastName;
    private string? _newFirstName;
    private DateOnly? _newBirthDate;
    private string? _newPhone;
    private Guid? _patientId;
    private string? _patientName;
    private string? _patientBirthDate;
    private bool _callerIsPatient = true;
    private string? _relation;
    private string? _callerName;
    private string? _callbackNumber;
    private List<DeskCallHistoryItem> _history = [];

    private string _reason = "";
    private TriageResult? _triage;
    private string _chosenUrgency = Urgency.Routine.ToCode();
    private string? _downgradeReason;

    private string? _reformulation;
    private bool _reformulationConfirmed = true;

    private Guid _appointmentTypeId;
    private List<Slot> _slots = [];
    private string? _slotsNotice;
    private string? _booked;

    private string _messageKind = "message";
    private Guid _messagePractitionerId;
    private string _messagePriority = Urgency.Routine.ToCode();
    private string? _messageSubject;
    private string? _messageBody;
    private string? _messageMedicines;
    private string? _messageSent;

    private string? _closeSummary;
    private CallDisposition _disposition = CallDisposition.Resolved;

    private Guid _currentCall;

    private string Greeting => Popup.Practice.Greeting.Replace("{secretary}", SecretaryName, StringComparison.Ordinal);

    private bool IsDowngrade => _triage is { } t && CallCodes.TryUrgency(_chosenUrgency) is { } chosen && (int)chosen < (int)t.Urgency;

    private DeskAppointmentType? SelectedType => Practice.AppointmentTypes.FirstOrDefault(t => t.Id == _appointmentTypeId);

    protected override void OnParametersSet()
    {
        if (_currentCall == Popup.CallId)
        {
            return;
        }
        // A new call: start over from the greeting with the pop-up's candidates.
        _currentCall = Popup.CallId;
        _candidates = [.. Popup.Candidates.Select(c => new CallerCandidateDto(c.PatientId, c.LastName, c.FirstName, c.BirthDate, null, null, c.MatchedOn))];
        _callbackNumber = CallerIds.Number(Popup.From);
        _appointmentTypeId = Practice.AppointmentTypes.Count > 0 ? Practice.AppointmentTypes[0].Id : Guid.Empty;
        _messagePractitionerId = Practice.Practitioners.Count > 0 ? Practice.Practitioners[0].Id : Guid.Empty;
        _step = 0;
        _focusTarget = FocusTarget.Step;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var target = _focusTarget switch
        {
            FocusTarget.Step => _stepFocus,
            FocusTarget.NewPatient => _newPatientFocus,
            FocusTarget.Message => _messageFocus,
            FocusTarget.FirstSlot => _firstSlot,
            FocusTarget.Panel => _panel,
            _ => default,
        };
        _focusTarget = FocusTarget.None;
        if (target.Context is not null)
        {
            await target.FocusAsync();
        }
    }

    /// <summary>Alt+1…6 go to a step; Alt+N confirms the step; Alt+S, P, R, M, W run the step's actions.</summary>
    private async Task OnKeyDown(KeyboardEventArgs e)
    {
        if (!e.AltKey)
        {
            return;
        }
        switch (e.Code)
        {
            case ['D', 'i', 'g', 'i', 't', var digit] when digit is >= '1' and <= '6':
                GoTo(digit - '1');
                break;
            case "KeyN":
                await ConfirmCurrentStepAsync();
                break;
            case "KeyS":
                GoTo(1);
                await SearchAsync();
                break;
            case "KeyP":
                GoTo(1);
                _showNewPatient = true;
                _focusTarget = FocusTarget.NewPatient;
                break;
            case "KeyR":
                GoTo(4);
                await FirstAvailableAsync();
                break;
            case "KeyM":
                GoTo(4);
                _focusTarget = FocusTarget.Message;
                break;
            case "KeyW":
                GoTo(5);
                await WrapUpAsync();
                break;
            default:
                break;
        }
    }

    private Task ConfirmCurrentStepAsync() => _step switch
    {
        0 => GreetAsync(),
        1 => IdentifyAsync(),
        2 => ConfirmReasonAsync(),
        3 => ReformulateAsync(),
        4 => NextFromActAsync(),
        _ => WrapUpAsync(),
    };

    /// <summary>The act step has no single confirmation: its actions are recorded as they are taken.</summary>
    private Task NextFromActAsync()
    {
        GoTo(5);
        return Task.CompletedTask;
    }

    private void GoTo(int step)
    {
        if (_step != step)
        {
            _step = step;
            _error = null;
            _focusTarget = FocusTarget.Step;
        }
    }

    private async Task GreetAsync()
    {
        if (await RecordAsync(CallStep.Greeting, new CallStepInput(SecretaryName: SecretaryName)))
        {
            Complete(0);
        }
    }

    private async Task SearchAsync()
    {
        var birthDate = _searchBirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var byNumber = string.IsNullOrWhiteSpace(_searchLastName) && birthDate is null;
        if (byNumber && CallerIds.Number(Popup.From) is null)
        {
            _status = T["CallerIdWithheldSearchByName"];
            return;
        }
        var result = byNumber
            ? await Desk.CandidatesAsync(Practice.Id, Popup.From, null, null)
            : await Desk.CandidatesAsync(Practice.Id, null, _searchLastName, birthDate);
        if (Show(result.Error))
        {
            _candidates = result.Value!;
            _status = T["CandidatesFound", _candidates.Count];
        }
    }

    private async Task ChoosePatient(CallerCandidateDto candidate)
    {
        _patientId = candidate.PatientId;
        _patientName = $"{candidate.FirstName} {candidate.LastName}";
        _patientBirthDate = candidate.BirthDate;
        _history = await Desk.HistoryAsync(Practice.Id, candidate.PatientId, Popup.CallId);
    }

    private async Task CreatePatientAsync()
    {
        var input = new PatientInput(_newLastName, _newFirstName, _newBirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), _newPhone ?? CallerIds.Number(Popup.From), null, null, null);
        var result = await Desk.CreatePatientAsync(Practice.Id, Popup.CallId, input);
        if (Show(result.Error))
        {
            var candidate = new CallerCandidateDto(result.Value.PatientId.Value, _newLastName!.Trim(), _newFirstName!.Trim(), input.BirthDate!, null, null, "created");
            _candidates = [candidate, .. _candidates];
            await ChoosePatient(candidate);
            _showNewPatient = false;
            _status = T["PatientCreated"];
        }
    }

    private async Task IdentifyAsync()
    {
        var input = new CallStepInput(
            CallerName: _callerIsPatient ? _patientName : _callerName,
            CallerBirthDate: _callerIsPatient ? _patientBirthDate : null,
            CallbackNumber: _callbackNumber,
            CallerIsPatient: _callerIsPatient,
            Relation: _callerIsPatient ? null : _relation,
            PatientId: _patientId);
        if (await RecordAsync(CallStep.Identification, input))
        {
            Complete(1);
        }
    }

    private async Task TriageAsync()
    {
        if (string.IsNullOrWhiteSpace(_reason))
        {
            _triage = null;
            return;
        }
        var previous = _triage?.Urgency;
        _triage = await Desk.TriageAsync(Practice.Id, Practice.Specialty, _reason);
        if (previous != _triage.Urgency)
        {
            // The chosen level follows the suggestion until the secretary changes it.
            _chosenUrgency = _triage.Urgency.ToCode();
            _messagePriority = _chosenUrgency;
        }
    }

    private async Task ConfirmReasonAsync()
    {
        if (!await RecordAsync(CallStep.Reason, new CallStepInput(Text: _reason)))
        {
            return;
        }
        var triage = _triage ?? await Desk.TriageAsync(Practice.Id, Practice.Specialty, _reason);
        var input = new CallStepInput(
            SuggestedUrgency: triage.Urgency.ToCode(), SuggestedCategory: triage.Category.ToCode(),
            Urgency: _chosenUrgency, Category: triage.Category.ToCode(), DowngradeReason: _downgradeReason);
        if (await RecordAsync(CallStep.Triage, input))
        {
            _reformulation ??= _reason;
            _messagePriority = _chosenUrgency;
            _disposition = triage.Urgency == Urgency.Emergency ? CallDisposition.EmergencyEscalated : _disposition;
            Complete(2);
        }
    }

    private async Task ReformulateAsync()
    {
        if (await RecordAsync(CallStep.Reformulation, new CallStepInput(Text: _reformulation, Confirmed: _reformulationConfirmed)))
        {
            Complete(3);
        }
    }

    private async Task FirstAvailableAsync()
    {
        _booked = null;
        var result = await Desk.FirstAvailableAsync(Practice.Id, _appointmentTypeId, patientIsNew: false, SlotsShown);
        if (!Show(result.Error))
        {
            return;
        }
        _slots = [.. result.Value!];
        _slotsNotice = _slots.Count == 0 ? T["NoFreeSlot"].Value : null;
        if (_slots.Count > 0)
        {
            _focusTarget = FocusTarget.FirstSlot;
        }
    }

    private async Task BookAsync(Slot slot)
    {
        if (_patientId is not { } patientId)
        {
            _error = T["IdentifyFirst"];
            return;
        }
        var result = await Desk.BookAsync(Practice.Id, Popup.CallId, slot, patientId, User);
        if (result.Error is SlotTaken taken)
        {
            // Someone else took it: offer the next free times, the first one focused.
            _error = T["SlotTaken"];
            _slots = [.. taken.Alternatives.Take(SlotsShown)];
            _focusTarget = FocusTarget.FirstSlot;
            return;
        }
        if (Show(result.Error))
        {
            _booked = SlotLabel(slot);
            _slots = [];
            // The focused slot button is gone: keep focus in the panel so the shortcuts still answer.
            _focusTarget = FocusTarget.Panel;
            _disposition = _disposition == CallDisposition.EmergencyEscalated ? _disposition : CallDisposition.AppointmentHandled;
            _status = T["Booked"] + " " + _booked;
        }
    }

    private async Task SendMessageAsync()
    {
        var input = new MessageInput(_messagePractitionerId, _messageKind, _messageSubject, _messageBody, _messagePriority, _patientId, _callbackNumber, Popup.CallId,
            _messageKind == "prescription_renewal" ? _messageMedicines : null, null, null, null);
        var result = await Desk.CreateMessageAsync(Practice.Id, input);
        if (Show(result.Error))
        {
            _messageSent = T["MessageSent"];
            _status = _messageSent;
            if (_disposition is CallDisposition.Resolved)
            {
                _disposition = _messageKind == "message" ? CallDisposition.MessageTaken : CallDisposition.CallbackPlanned;
            }
            // Stays on the act step: another message or a booking may follow.
            _done.Add(4);
        }
    }

    private async Task WrapUpAsync()
    {
        if (_wrappedUp)
        {
            return;
        }
        var summary = string.IsNullOrWhiteSpace(_closeSummary) ? T["Disposition_" + _disposition.ToCode()].Value : _closeSummary;
        if (!await RecordAsync(CallStep.Close, new CallStepInput(Text: summary)))
        {
            return;
        }
        var result = await Desk.WrapUpAsync(Practice.Id, Popup.CallId, _disposition);
        if (Show(result.Error))
        {
            _wrappedUp = true;
            Complete(5);
            _status = T["WrappedUp"];
            await OnWrappedUp.InvokeAsync();
        }
    }

    private async Task<bool> RecordAsync(CallStep step, CallStepInput input) => Show((await Desk.RecordStepAsync(Practice.Id, Popup.CallId, step, input)).Error);

    private void Complete(int step)
    {
        _done.Add(step);
        _status = T["StepRecorded", T["Step" + (step + 1)]];
        if (step < StepCount - 1)
        {
            GoTo(step + 1);
        }
    }

    /// <summary>Shows the error's message (each field's, for a validation error); true when there was none.</summary>
    private bool Show(Error? error)
    {
        _status = null;
        _error = error switch
        {
            null => null,
            ValidationError v => string.Join(" ", v.Fields.Select(f => $"{FieldName(f.Key)} : {string.Join(" ", f.Value)}")),
            _ => error.Message,
        };
        return error is null;
    }

    private string FieldName(string field) => T["Field_" + field] is { ResourceNotFound: false } name ? name.Value : field;

    private string SlotLabel(Slot slot) =>
        $"{ConsoleFormat.DateTime(slot.Time.Start, Practice.Zone)} — {Practice.Practitioners.FirstOrDefault(p => p.Id == slot.PractitionerId.Value)?.DisplayName}";

    private static string ActionText(TriageAction action) => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? action.French : action.English;
}

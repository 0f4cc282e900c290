using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using NodaTime;
using Permanence.Web.Console.Agenda;
using Permanence.Web.Scheduling;
using static Permanence.Web.Tests.Console.Agenda.AgendaViews;

namespace Permanence.Web.Tests.Console.Agenda;

public sealed class AgendaGridTests : ConsoleTestContext
{
    private static readonly LocalDate Monday = new(2026, 11, 23);

    /// <summary>Saturday before and Sunday of the spring-forward change (29 March 2026, 02:00 → 03:00 in Paris).</summary>
    private static readonly LocalDate Saturday = new(2026, 3, 28);
    private static readonly LocalDate SpringForward = new(2026, 3, 29);

    private IRenderedComponent<AgendaGrid> RenderGrid(AgendaView view, Action<ComponentParameterCollectionBuilder<AgendaGrid>>? more = null) =>
        Render<AgendaGrid>(p =>
        {
            p.Add(g => g.Model, AgendaGridModel.Build(view));
            more?.Invoke(p);
        });

    private static IElement CellOf(IRenderedComponent<AgendaGrid> grid, string time, int column)
    {
        var row = grid.FindAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == time);
        return row.QuerySelectorAll("td")[column];
    }

    [Fact]
    public void Appointments_appear_at_the_practice_wall_clock_time_on_both_sides_of_a_DST_change()
    {
        // The same UTC hour is 10:00 in Paris on Saturday (UTC+1) and 11:00 on the Sunday clocks go forward (UTC+2).
        var saturday = Appointment(Martin, Instant.FromUtc(2026, 3, 28, 9, 0));
        var sunday = Appointment(Martin, Instant.FromUtc(2026, 3, 29, 9, 0));
        var view = View([Saturday, SpringForward], [Martin],
            [Session(Martin, Saturday, new LocalTime(9, 0), new LocalTime(12, 0)), Session(Martin, SpringForward, new LocalTime(9, 0), new LocalTime(12, 0))],
            [saturday, sunday]);

        var grid = RenderGrid(view);

        CellOf(grid, "10:00", 0).GetAttribute("data-kind").ShouldBe("appointment");
        CellOf(grid, "10:00", 0).TextContent.ShouldContain("10:00 Consultation");
        CellOf(grid, "10:00", 1).GetAttribute("data-kind").ShouldBe("free");
        CellOf(grid, "11:00", 1).GetAttribute("data-kind").ShouldBe("appointment");
        CellOf(grid, "11:00", 1).TextContent.ShouldContain("11:00 Consultation");
        grid.FindAll("thead th")[1].TextContent.ShouldContain("sam. 28/03");
    }

    [Fact]
    public void The_hour_skipped_by_the_spring_forward_change_is_shown_as_not_existing()
    {
        // An on-call night session 00:00–06:00 lasts five hours that night: 02:00–02:59 never happens.
        var view = View([Saturday, SpringForward], [Martin],
            [Session(Martin, Saturday, new LocalTime(0, 0), new LocalTime(6, 0)), Session(Martin, SpringForward, new LocalTime(0, 0), new LocalTime(6, 0))]);

        var grid = RenderGrid(view);

        CellOf(grid, "02:15", 0).GetAttribute("data-kind").ShouldBe("free");
        CellOf(grid, "02:15", 1).GetAttribute("data-kind").ShouldBe("skipped");
        CellOf(grid, "03:00", 1).GetAttribute("data-kind").ShouldBe("free");
        CellOf(grid, "05:45", 1).GetAttribute("data-kind").ShouldBe("free");
        grid.FindAll("tbody tr").Count.ShouldBe(24, "rows are wall-clock times, the same every day");
    }

    [Fact]
    public void Side_by_side_day_shows_each_practitioner_with_absences_closures_and_marked_squeeze_ins()
    {
        var squeezed = Appointment(Bernard, At(Monday, 9, 15), squeezeIn: true);
        var view = View([Monday], [Martin, Bernard],
            [Session(Martin, Monday, new LocalTime(9, 0), new LocalTime(10, 0)), Session(Bernard, Monday, new LocalTime(9, 0), new LocalTime(10, 0))],
            [Appointment(Bernard, At(Monday, 9, 0), 30), squeezed],
            absences: [new AgendaAbsence(Martin.Id, new Core.Scheduling.TimeRange(At(Monday, 9, 30), At(Monday, 10, 0)), "Formation")]);

        var grid = RenderGrid(view);

        grid.FindAll("thead th").Select(th => th.QuerySelector(".agenda-practitioner")?.TextContent).ShouldBe([null, "Dr Martin", "Dr Bernard"]);
        CellOf(grid, "09:30", 0).GetAttribute("data-kind").ShouldBe("absent");
        CellOf(grid, "09:30", 0).TextContent.ShouldContain("Formation");
        CellOf(grid, "09:15", 1).QuerySelector(".agenda-squeeze-in-mark")!.TextContent.ShouldBe("intercalé");
        CellOf(grid, "09:00", 1).QuerySelector(".agenda-squeeze-in-mark").ShouldBeNull();
    }

    [Fact]
    public void A_closed_day_is_marked_in_its_header_and_its_cells()
    {
        var holiday = new LocalDate(2026, 12, 25);
        var view = View([holiday], [Martin], [Session(Martin, holiday, new LocalTime(9, 0), new LocalTime(10, 0))],
            closures: [new AgendaClosure(holiday, "Noël", IsPublicHoliday: true)]);

        var grid = RenderGrid(view);

        grid.Find("thead .agenda-closure").TextContent.ShouldBe("Jour férié : Noël");
        CellOf(grid, "09:00", 0).GetAttribute("data-kind").ShouldBe("closed");
    }

    [Fact]
    public void Arrow_keys_move_the_active_cell_and_Enter_books_the_free_cell_it_lands_on()
    {
        var view = View([Monday], [Martin, Bernard],
            [Session(Martin, Monday, new LocalTime(9, 0), new LocalTime(10, 0)), Session(Bernard, Monday, new LocalTime(9, 0), new LocalTime(10, 0))]);
        AgendaCell? booked = null;
        var grid = RenderGrid(view, p => p.Add(g => g.OnBook, cell => booked = cell));
        var table = grid.Find("table[role=grid]");
        table.GetAttribute("aria-activedescendant").ShouldBe("agenda-cell-0-0");

        table.KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        table.KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        table.KeyDown(new KeyboardEventArgs { Key = "ArrowRight" });
        grid.Find("table[role=grid]").GetAttribute("aria-activedescendant").ShouldBe("agenda-cell-2-1");
        grid.Find("#agenda-cell-2-1").GetAttribute("aria-selected").ShouldBe("true");
        grid.Find("table[role=grid]").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        booked.ShouldNotBeNull();
        booked.Start.ShouldBe(At(Monday, 9, 30));
        AgendaGridModel.Build(view).Columns[booked.Column].PractitionerId.ShouldBe(Bernard.Id);
    }

    [Fact]
    public void Keys_stop_at_the_edges_of_the_grid()
    {
        var view = View([Monday], [Martin], [Session(Martin, Monday, new LocalTime(9, 0), new LocalTime(9, 30))]);
        var grid = RenderGrid(view);

        grid.Find("table[role=grid]").KeyDown(new KeyboardEventArgs { Key = "ArrowUp" });
        grid.Find("table[role=grid]").KeyDown(new KeyboardEventArgs { Key = "ArrowLeft" });
        grid.Find("table[role=grid]").GetAttribute("aria-activedescendant").ShouldBe("agenda-cell-0-0");
        grid.Find("table[role=grid]").KeyDown(new KeyboardEventArgs { Key = "End" });
        grid.Find("table[role=grid]").KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        grid.Find("table[role=grid]").GetAttribute("aria-activedescendant").ShouldBe("agenda-cell-1-0");
    }

    [Fact]
    public void Enter_on_an_occupied_cell_opens_the_appointment_instead_of_booking_over_it()
    {
        var appointment = Appointment(Martin, At(Monday, 9, 0));
        var view = View([Monday], [Martin], [Session(Martin, Monday, new LocalTime(9, 0), new LocalTime(10, 0))], [appointment]);
        AgendaCell? booked = null;
        AgendaAppointment? opened = null;
        var grid = RenderGrid(view, p => p.Add(g => g.OnBook, cell => booked = cell).Add(g => g.OnSelect, a => opened = a));

        grid.Find("table[role=grid]").GetAttribute("aria-activedescendant").ShouldBe("agenda-cell-1-0", "the grid starts on the first free cell");
        grid.Find("table[role=grid]").KeyDown(new KeyboardEventArgs { Key = "ArrowUp" });
        grid.Find("table[role=grid]").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        booked.ShouldBeNull();
        opened.ShouldBe(appointment);
    }

    [Fact]
    public void M_then_arrows_then_Enter_moves_an_appointment_and_Delete_asks_to_cancel_it()
    {
        var appointment = Appointment(Martin, At(Monday, 9, 0));
        var view = View([Monday], [Martin], [Session(Martin, Monday, new LocalTime(9, 0), new LocalTime(10, 0))], [appointment]);
        (AgendaAppointment Appointment, AgendaCell Target)? moved = null;
        AgendaAppointment? cancelled = null;
        var grid = RenderGrid(view, p => p.Add(g => g.OnMove, m => moved = m).Add(g => g.OnCancel, a => cancelled = a));
        var table = () => grid.Find("table[role=grid]");

        table().KeyDown(new KeyboardEventArgs { Key = "ArrowUp" });
        table().KeyDown(new KeyboardEventArgs { Key = "Delete" });
        cancelled.ShouldBe(appointment);

        table().KeyDown(new KeyboardEventArgs { Key = "m" });
        grid.Find(".agenda-moving").TextContent.ShouldContain("09:00");
        table().KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        table().KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        table().KeyDown(new KeyboardEventArgs { Key = "Enter" });

        moved.ShouldNotBeNull();
        moved.Value.Appointment.ShouldBe(appointment);
        moved.Value.Target.Start.ShouldBe(At(Monday, 9, 30));
        grid.FindAll(".agenda-moving").ShouldBeEmpty();
    }

    [Fact]
    public void Clicking_a_free_cell_books_it_with_the_mouse()
    {
        var view = View([Monday], [Martin], [Session(Martin, Monday, new LocalTime(9, 0), new LocalTime(10, 0))]);
        AgendaCell? booked = null;
        var grid = RenderGrid(view, p => p.Add(g => g.OnBook, cell => booked = cell));

        CellOf(grid, "09:45", 0).Click();

        booked!.Start.ShouldBe(At(Monday, 9, 45));
    }
}

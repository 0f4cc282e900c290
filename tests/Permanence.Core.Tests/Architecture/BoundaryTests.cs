using NetArchTest.Rules;
using Permanence.Core.Common;

namespace Permanence.Core.Tests.Architecture;

public sealed class BoundaryTests
{
    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Npgsql")]
    [InlineData("System.Net.Http")]
    public void Core_depends_on_no_infrastructure(string forbidden)
    {
        var result = Types.InAssembly(typeof(PracticeId).Assembly).ShouldNot().HaveDependencyOn(forbidden).GetResult();
        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }

    [Fact]
    public void Core_does_not_read_the_system_clock()
    {
        var result = Types.InAssembly(typeof(PracticeId).Assembly).ShouldNot().HaveDependencyOn("NodaTime.SystemClock").GetResult();
        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }
}

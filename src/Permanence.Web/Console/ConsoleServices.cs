using Permanence.Web.Security;

namespace Permanence.Web.Console;

/// <summary>
/// Runs a piece of console work in a fresh service scope (its own DbContext) that carries the circuit's user, so the
/// practice filter and the audit trail see who acts. A circuit lives for hours and receives pop-ups while the
/// secretary types: one DbContext per operation keeps those from sharing a context.
/// </summary>
public sealed class ConsoleServices(IServiceScopeFactory scopes, ConsolePrincipal principal)
{
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ConsolePrincipal>().User = principal.User;
        return await work(scope.ServiceProvider);
    }

    public Task RunAsync(Func<IServiceProvider, Task> work) => RunAsync(async services =>
    {
        await work(services);
        return true;
    });
}

using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Permanence.Web.Security;

/// <summary>
/// The signed-in user of a console circuit. An interactive circuit outlives the HTTP request that opened it, so its
/// <see cref="HttpContext"/> is not a reliable source of the user; the practice scope and the audit actor read this
/// holder first. Outside circuits it stays empty and they fall back to the request's user.
/// </summary>
public sealed class ConsolePrincipal
{
    public ClaimsPrincipal? User { get; set; }
}

/// <summary>Fills <see cref="ConsolePrincipal"/> when a circuit opens and keeps it in step with sign-in changes.</summary>
internal sealed class ConsolePrincipalCircuitHandler(ConsolePrincipal principal, AuthenticationStateProvider authentication)
    : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        principal.User = (await authentication.GetAuthenticationStateAsync()).User;
        authentication.AuthenticationStateChanged += OnChanged;
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;

    private async void OnChanged(Task<AuthenticationState> state) => principal.User = (await state).User;
}

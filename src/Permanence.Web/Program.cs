using Permanence.Web;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .Enrich.FromLogContext()
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));
builder.Services.AddPermanenceWeb(builder.Configuration);

var app = builder.Build();
app.UseSerilogRequestLogging();
app.UsePermanence();
await app.PrepareAsync();
await app.RunAsync();

/// <summary>Entry point type, public so integration tests can host the application.</summary>
public partial class Program;

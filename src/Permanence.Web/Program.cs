var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health", () => TypedResults.Ok(new { status = "healthy" }));
app.Run();

/// <summary>Entry point type, public so integration tests can host the application.</summary>
public partial class Program;

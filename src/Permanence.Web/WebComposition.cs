using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Permanence.Core.Triage;
using Permanence.Data;
using Permanence.Data.Audit;
using Permanence.Data.Demo;
using Permanence.Data.Scope;
using Permanence.Data.Staff;
using Permanence.Web.Account;
using Permanence.Web.Audit;
using Permanence.Web.Calls;
using Permanence.Web.Cluster;
using Permanence.Web.Console;
using Permanence.Web.Demo;
using Permanence.Web.Health;
using Permanence.Web.Http;
using Permanence.Web.Messaging;
using Permanence.Web.Patients;
using Permanence.Web.Practices;
using Permanence.Web.Quality;
using Permanence.Web.Quality.Reports;
using Permanence.Web.Routing;
using Permanence.Web.Scheduling;
using Permanence.Web.Security;
using Permanence.Web.Staff;
using Permanence.Web.Triage;
using StackExchange.Redis;

namespace Permanence.Web;

/// <summary>Service registration and the HTTP pipeline of the web host, kept out of Program.cs so tests reuse it.</summary>
public static class WebComposition
{
    public static IServiceCollection AddPermanenceWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Cookies are checked against the account this often (Identity's default is 30 minutes).
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<SecurityOptions>>((stamp, security) =>
        {
            stamp.ValidationInterval = TimeSpan.FromSeconds(security.Value.SessionRevalidationSeconds);
            stamp.OnRefreshingPrincipal = StaffSessionRevalidation.KeepSignInMethod;
        });
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddScoped<DemoSecretariatSeeder>();
        services.AddOptions<DemoSimulatorOptions>().BindConfiguration(DemoSimulatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<DemoTrafficSimulator>();
        services.AddOptions<TelephonyOptions>().BindConfiguration(TelephonyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CallEventIngestion>();
        services.AddSingleton<CallEventWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<CallEventWriter>());
        services.AddScoped<CallEventAcceptance>();
        services.AddSingleton<CallEventDerivation>();
        services.AddHostedService(sp => sp.GetRequiredService<CallEventDerivation>());
        services.AddScoped<KpiService>();
        services.AddScoped<SurveyLinks>();
        services.AddScoped<SurveyAnswers>();
        services.AddScoped<QuarterlyReportBuilder>();
        services.AddOptions<PublicAddressOptions>().BindConfiguration(PublicAddressOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.PublicBaseUrl),
                "Telephony:Twilio:PublicBaseUrl has moved to Hosting:PublicBaseUrl (also used for the links e-mailed to patients): set that key instead.")
            .ValidateOnStart();
        services.AddScoped<TwimlCallRouting>();
        services.AddOptions<AcdSettings>().BindConfiguration(AcdSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AcdGate>();
        services.AddSingleton<AcdNotifications>();
        services.AddScoped<AcdService>();
        services.AddHostedService<AcdTicker>();
        services.AddScoped<PhoneSurvey>();
        services.AddSingleton<CallPopupQueue>();
        services.AddSingleton<PopupAudience>();
        services.AddSingleton<HubSessionRevalidation>();
        services.AddHostedService(sp => sp.GetRequiredService<HubSessionRevalidation>());
        services.AddSingleton<SupervisionAudience>();
        services.AddSingleton<PracticeLines>();
        services.AddSingleton<CallPopupBroadcaster>();
        services.AddHostedService<CallPopupWorker>();
        services.AddScoped<CallRecordService>();
        services.AddScoped<CallLogService>();
        services.AddScoped<CallerIdentification>();
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ClusterBus>();
        var signalR = services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb));
        if (ClusterOptions.RedisConnection(configuration) is { } redis)
        {
            var prefix = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>()?.ChannelPrefix ?? new ClusterOptions().ChannelPrefix;
            signalR.AddStackExchangeRedis(redis, o =>
            {
                o.Configuration.ChannelPrefix = RedisChannel.Literal($"{prefix}:signalr");
                o.Configuration.AbortOnConnectFail = false;
            });
        }
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QualityOptions>().BindConfiguration(QualityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<INotificationSender, SmtpNotificationSender>();
        services.AddOptions<TwilioSmsOptions>().BindConfiguration(TwilioSmsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LoggingDevelopmentSmsSender>();
        // TwilioSmsSender applies its own time limit (Notifications:Sms:Twilio:TimeoutSeconds).
        services.AddHttpClient<TwilioSmsSender>(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddTransient<ISmsSender>(sp => sp.GetRequiredService<IOptions<TwilioSmsOptions>>().Value.Enabled
            ? sp.GetRequiredService<TwilioSmsSender>()
            : sp.GetRequiredService<LoggingDevelopmentSmsSender>());
        services.AddScoped<MessageNotifier>();
        services.AddSingleton<RoutedMessageNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<RoutedMessageNotifier>());
        services.AddScoped<MessageService>();
        services.AddScoped<MessageEscalation>();
        services.AddHostedService<MessageEscalationJob>();

        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddHttpContextAccessor();
        services.AddScoped<IPracticeScope, HttpPracticeScope>();
        services.AddScoped<IAuditActor, HttpAuditActor>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AgendaLoader>();
        services.AddSingleton<PracticeRulesCache>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<OccupancyCache>();
        services.AddSingleton<SearchAgendaCache>();
        services.AddSingleton<AcdConfigurationCache>();
        services.AddScoped<AgendaQueries>();
        services.AddScoped<WaitingListTasks>();
        services.AddScoped<PracticeSettings>();
        services.AddScoped<Console.Supervision.SupervisionReader>();
        services.AddSingleton<PractitionerLocks>();
        services.AddSingleton(_ => TriageEngine.CreateDefault());
        services.AddSingleton<PracticeOverrideCache>();
        services.AddScoped<ReasonTriage>();
        services.AddScoped<BookingService>();
        services.AddScoped<WaitingListMatcher>();
        services.AddPermanenceDatabase(configuration);
        services.AddDataProtection().SetApplicationName("Permanence").PersistKeysToDbContext<PermanenceDbContext>();

        services.AddIdentity<StaffUser, IdentityRole<Guid>>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<PermanenceDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "permanence.auth";
            o.Cookie.HttpOnly = true;
            // Strict keeps the cookie off cross-site requests, which is the CSRF defence of the JSON API.
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context => ConsoleComposition.RedirectOrStatus(context.HttpContext, ConsoleRoutes.Login, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ConsoleComposition.RedirectOrStatus(context.HttpContext, ConsoleRoutes.Denied, StatusCodes.Status403Forbidden);
        });
        services.AddPermanenceAuthentication();
        services.AddAuthentication(o =>
        {
            // AddIdentity set these to its cookie; the combined scheme picks the cookie or the API key per request.
            o.DefaultAuthenticateScheme = Policies.CombinedScheme;
            o.DefaultChallengeScheme = Policies.CombinedScheme;
            o.DefaultForbidScheme = Policies.CombinedScheme;
        });
        services.AddPermanenceAuthorization();
        services.AddPermanenceConsole();

        services.Configure<JsonOptions>(o => o.SerializerOptions.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddExceptionHandler<DatabaseBusyExceptionHandler>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Status == StatusCodes.Status400BadRequest && context.ProblemDetails.Detail is null)
            {
                context.ProblemDetails.Detail = "The request could not be read: malformed JSON, a value of the wrong type, or a missing body.";
            }
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        services.AddOpenApi(o => o.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(Instant) || context.JsonTypeInfo.Type == typeof(Instant?))
            {
                schema.Type = JsonSchemaType.String;
                schema.Format = "date-time";
                schema.Properties?.Clear();
            }
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication UsePermanence(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseConsoleLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi().WithName("OpenApiDocument");
        app.MapHealthEndpoints();
        app.MapAccountEndpoints();
        app.MapPracticeEndpoints();
        app.MapPatientEndpoints();
        app.MapStaffEndpoints();
        app.MapApiKeyEndpoints();
        app.MapAuditEndpoints();
        app.MapAppointmentEndpoints();
        app.MapAvailabilityEndpoints();
        app.MapWaitingListEndpoints();
        app.MapTriageEndpoints();
        app.MapTelephonyEndpoints();
        app.MapTwimlEndpoints();
        app.MapAcdEndpoints();
        app.MapOnCallShiftEndpoints();
        app.MapHub<CallsHub>(CallsHub.Route);
        app.MapCallLogEndpoints();
        app.MapCallRecordEndpoints();
        app.MapCallerEndpoints();
        app.MapMessageEndpoints();
        app.MapKpiEndpoints();
        app.MapStaffingEndpoints();
        app.MapPermanenceConsole();
        app.MapSurveyEndpoints();
        app.MapQuarterlyReportEndpoints();
        return app;
    }
}

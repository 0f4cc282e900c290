using System.Text.Json;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Permanence.Web.Tests.Infrastructure;

public static class TestJson
{
    public static readonly JsonSerializerOptions Options =
        new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
}

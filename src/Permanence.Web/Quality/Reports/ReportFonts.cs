using System.Diagnostics;
using PdfSharp;
using PdfSharp.Fonts;

namespace Permanence.Web.Quality.Reports;

/// <summary>
/// The DejaVu Sans faces reports are drawn with. PDFsharp embeds fonts and on Linux finds none by itself, and the
/// Skia build ScottPlot uses here has no fontconfig: both get the same files. They are looked up in the usual
/// Debian/Fedora/Arch folders, then through <c>fc-match</c>; with none found, reports fail with an explicit message.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly string[] KnownFolders =
    [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/TTF",
        "/usr/share/fonts/dejavu-sans-fonts",
        "/usr/local/share/fonts",
    ];

    /// <summary>Face name → file, for regular, bold, oblique and bold oblique.</summary>
    private static readonly (string Face, string File, string FcStyle, bool Bold, bool Italic)[] Faces =
    [
        ("DejaVuSans", "DejaVuSans.ttf", "Book", false, false),
        ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf", "Bold", true, false),
        ("DejaVuSans-Oblique", "DejaVuSans-Oblique.ttf", "Oblique", false, true),
        ("DejaVuSans-BoldOblique", "DejaVuSans-BoldOblique.ttf", "Bold Oblique", true, true),
    ];

    private static readonly Lock Gate = new();
    private static ReportFonts? _installed;

    private readonly Dictionary<string, string> _files;

    private ReportFonts(Dictionary<string, string> files) => _files = files;

    /// <summary>
    /// Registers the fonts with PDFsharp and ScottPlot once per process (PDFsharp accepts its resolver only once), and
    /// selects PDFsharp's license.
    /// </summary>
    /// <exception cref="ReportFontsMissingException">No DejaVu Sans font file could be found.</exception>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed is not null)
            {
                return;
            }
            // From 6.5 PDFsharp makes the program choose its license, AGPL or commercial, before any document: this
            // open-source project uses it under the AGPL. A commercial key would be loaded here instead (LoadLicense).
            PdfSharpLicense.SetAgplLicense();
            var fonts = new ReportFonts(Locate());
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = fonts;
            }
            foreach (var (face, _, _, bold, italic) in Faces)
            {
                if (fonts._files.TryGetValue(face, out var file))
                {
                    ScottPlot.Fonts.AddFontFile(Family, file, bold, italic);
                }
            }
            _installed = fonts;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        // Every family maps to DejaVu Sans: reports use one family, and a missing face is simulated from the regular.
        var wanted = Faces.First(f => f.Bold == bold && f.Italic == italic).Face;
        if (_files.ContainsKey(wanted))
        {
            return new FontResolverInfo(wanted);
        }
        return new FontResolverInfo(Faces[0].Face, bold, italic);
    }

    public byte[]? GetFont(string faceName) => _files.TryGetValue(faceName, out var file) ? File.ReadAllBytes(file) : null;

    private static Dictionary<string, string> Locate()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (face, file, fcStyle, _, _) in Faces)
        {
            var path = KnownFolders.Select(folder => Path.Combine(folder, file)).FirstOrDefault(File.Exists) ?? FontConfigMatch(fcStyle, file);
            if (path is not null)
            {
                files[face] = path;
            }
        }
        if (!files.ContainsKey(Faces[0].Face))
        {
            throw new ReportFontsMissingException(
                "Reports need the DejaVu Sans font (DejaVuSans.ttf), found neither in /usr/share/fonts nor through fc-match. "
                + "Install it, e.g. 'apt-get install fonts-dejavu-core' on Debian/Ubuntu or 'dnf install dejavu-sans-fonts' on Fedora.");
        }
        return files;
    }

    /// <summary>Asks fontconfig for the file of a DejaVu Sans style; null when fc-match is absent or answers another font.</summary>
    private static string? FontConfigMatch(string style, string expectedFile)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("fc-match", ["--format=%{file}", $"{Family}:style={style}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }
            var path = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(5000);
            // fc-match always answers something; only the DejaVu file asked for will do.
            return Path.GetFileName(path) == expectedFile && File.Exists(path) ? path : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

/// <summary>The host has no DejaVu Sans font file: reports cannot be drawn until it is installed.</summary>
public sealed class ReportFontsMissingException(string message) : Exception(message);

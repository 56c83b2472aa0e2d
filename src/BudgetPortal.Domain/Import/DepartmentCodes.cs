using System.Text;

namespace BudgetPortal.Domain.Import;

/// <summary>
/// The code of a department first seen in an import: `d` and eight hex digits of the FNV-1a hash
/// of its full name (UTF-8), e.g. `d3a5c91f0`. Stable (the same name always gives the same code),
/// short, URL-safe; an existing department with the same name keeps its own code, and `--code`
/// overrides it.
/// </summary>
public static class DepartmentCodes
{
    public static string Derive(string name)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(name.Trim()))
            hash = unchecked((hash ^ b) * 16777619u);
        return "d" + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }
}

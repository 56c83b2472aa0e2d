using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace BudgetPortal.Web.Printing;

/// <summary>
/// Admits the printing Chromium, which is not signed in, to the print view of one unpublished
/// version: a token naming the version, protected by the portal's DataProtection keys and valid
/// only for as long as one print may take. Anyone else asking for a draft's print view gets 404.
/// </summary>
public sealed class DraftPrintTokens(IDataProtectionProvider protection)
{
    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("BudgetPortal.Printing.DraftView").ToTimeLimitedDataProtector();

    public string Issue(int disclosureId, TimeSpan lifetime) =>
        _protector.Protect(disclosureId.ToString(CultureInfo.InvariantCulture), lifetime);

    /// <summary>Whether the token was issued for this version and has not expired.</summary>
    public bool Admits(string? token, int disclosureId)
    {
        if (string.IsNullOrEmpty(token)) return false;
        try
        {
            return _protector.Unprotect(token) == disclosureId.ToString(CultureInfo.InvariantCulture);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}

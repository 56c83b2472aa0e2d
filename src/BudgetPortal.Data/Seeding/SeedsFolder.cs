namespace BudgetPortal.Data.Seeding;

public static class SeedsFolder
{
    /// <summary>
    /// The configured seeds folder, else the nearest `seeds` folder (holding `disclosures`) above
    /// the given start folders: the checkout when run from source, /app/seeds in the container.
    /// </summary>
    public static string? Find(string? configured, params string[] startFolders)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        foreach (var start in startFolders)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "seeds");
                if (Directory.Exists(Path.Combine(candidate, "disclosures"))) return candidate;
            }
        }
        return null;
    }
}

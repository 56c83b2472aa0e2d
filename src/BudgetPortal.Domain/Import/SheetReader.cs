using BudgetPortal.Domain.Documents;

namespace BudgetPortal.Domain.Import;

public static partial class SheetReader
{
    public static PerformanceDoc Read(List<SourceLine> lines, ImportContext ctx) => new();
}

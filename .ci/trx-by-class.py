#!/usr/bin/env python3
"""The tests' own durations of a vstest trx file, summed by test class, largest first:

    dotnet test tests/BudgetPortal.Web.Tests … --logger "trx;LogFileName=/tmp/web.trx"
    python3 .ci/trx-by-class.py /tmp/web.trx [how many classes]
"""
import collections, sys, xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
root = ET.parse(sys.argv[1]).getroot()
classes = {u.get("id"): u.find("t:TestMethod", NS).get("className") for u in root.iterfind(".//t:UnitTest", NS)}
by_class, count = collections.defaultdict(float), collections.Counter()
for result in root.iterfind(".//t:UnitTestResult", NS):
    h, m, s = result.get("duration", "0:0:0").split(":")
    by_class[classes[result.get("testId")]] += int(h) * 3600 + int(m) * 60 + float(s)
    count[classes[result.get("testId")]] += 1
print(f"{sum(count.values())} tests, their durations add up to {sum(by_class.values()):.1f} s")
for name, seconds in sorted(by_class.items(), key=lambda x: -x[1])[: int(sys.argv[2]) if len(sys.argv) > 2 else 30]:
    print(f"{seconds:7.1f} s {count[name]:4d}  {name}")

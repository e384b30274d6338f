#!/usr/bin/env python3
"""The engine's shape, for issue 16's before-and-after: the largest classes and methods (lines), public types,
package cycles among the verifier's packages. Reads Java source as text; run from the repository's root:
    tools/metrics/shape.py [verifier/src/main/java]
(`duplicates --most 200 --repo verifier/src/main` counts the duplicated pairs.)"""
import os
import re
import sys
from collections import defaultdict

ROOT = sys.argv[1] if len(sys.argv) > 1 else "verifier/src/main/java"
METHOD = re.compile(r"^    (?:(?:public|protected|private|static|final|abstract|synchronized|default)\s+)*"
                    r"(?:<[^>]+>\s+)?[\w.<>\[\], ?]+\s+(\w+)\s*\([^;]*$")

files = []
for directory, _, names in os.walk(ROOT):
    files += [os.path.join(directory, n) for n in names if n.endswith(".java")]

classes, methods, public, packages = [], [], 0, defaultdict(set)
for path in files:
    text = open(path, encoding="utf-8").read()
    lines = text.splitlines()
    name = os.path.relpath(path, ROOT)[:-5].replace("/", ".")
    package = name.rsplit(".", 1)[0]
    classes.append((len(lines), name))
    if re.search(r"^public (?:final |abstract |sealed )*(?:class|interface|record|enum|@interface) ", text, re.M):
        public += 1
    for imported in re.findall(r"^import (?:static )?(dev\.flyback\.verifier[\w.]*)\.[A-Z]\w*(?:\.\w+)*;", text, re.M):
        if imported != package:
            packages[package].add(imported)
    # References written in full (dev.flyback.verifier.x.Type) count as uses too.
    for used in re.findall(r"\b(dev\.flyback\.verifier(?:\.[a-z]\w*)*)\.[A-Z]", text):
        if used != package:
            packages[package].add(used)
    # Text blocks (SQL) are blanked so that their lines are not taken for code.
    lines = re.sub(r'"""(.*?)"""', lambda m: '""' + "\n" * m.group(1).count("\n") + '""', text,
                   flags=re.S).splitlines()
    i = 0
    while i < len(lines):
        match = METHOD.match(lines[i])
        if match and not re.match(r"\s*(return|new|throw|else|record|class|interface|enum)\b", lines[i]) \
                and not re.search(r"\b(record|class|interface|enum)\s+\w+", lines[i]):
            depth, j, opened = 0, i, False
            while j < len(lines):
                depth += lines[j].count("{") - lines[j].count("}")
                opened = opened or "{" in lines[j]
                if opened and depth <= 0:
                    break
                if not opened and lines[j].rstrip().endswith(";"):
                    break
                j += 1
            if opened:
                methods.append((j - i + 1, name + "." + match.group(1)))
            i = j + 1
        else:
            i += 1

def cycles(graph):
    """Strongly connected components with more than one package (Tarjan)."""
    index, low, stack, on, result, counter = {}, {}, [], set(), [], [0]
    def visit(v):
        index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop(); on.discard(w); component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(sorted(component))
    for v in list(graph):
        if v not in index:
            visit(v)
    return result

sys.setrecursionlimit(10000)
print(f"types: {len(files)}, public: {public}")
print("largest classes (lines):")
for count, name in sorted(classes, reverse=True)[:8]:
    print(f"  {count:5d}  {name}")
print("largest methods (lines):")
for count, name in sorted(methods, reverse=True)[:8]:
    print(f"  {count:5d}  {name}")
found = cycles({p: {d for d in ds if d in packages or any(k == d for k in packages)} for p, ds in packages.items()})
print(f"package cycles: {len(found)}")
for component in found:
    print("  " + " <-> ".join(c.replace("dev.flyback.verifier", "root") for c in component))

#!/usr/bin/env python3
"""Fails when the code's #include lines form a cycle, or (--layers) break the layering.

    scripts/include-graph.py [--source-dir DIR] [--files | --layers] FOLDER...

Reads every .hpp, .h and .cpp under the FOLDERs (relative to the source directory, by
default this script's parent's parent), resolves each include the way the build does (a
quoted one beside the including file first, then, like one in angle brackets, from the source
directory and from src/); an include that resolves to no file of the tree (the standard
library, Poco, ...) is not ours and is left alone. By default it looks for cycles among the
files found.

By default a header and the source file of the same name are one module (importers/import.hpp
and importers/import.cpp are "importers/import"), so a reader whose .cpp includes the façade
that includes the reader's header knots the two even though no header includes itself: that is
the knot this check exists for. --files looks at headers alone (a cycle there does not compile
without include guards doing the hiding).

Prints each cycle found, as a path of modules or files from one back to itself, and exits 1;
exits 0, printing how many modules it looked at, when there is none.

--layers checks instead that every include goes down the layers of LAYERS below, and prints
each one that does not as FILE:LINE with the line itself; a file of the FOLDERs in no layer
fails too, so a new library has to be given its place. Every folder under src/ shares one
include root, so the compiler would let any layer include any other: this is what stops it.

Run by CTest as include_graph_modules (every folder, strictly) and include_layers
(tests/headers/CMakeLists.txt).
"""

import argparse
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+(?:"([^"]+)"|<([^>]+)>)')
EXTENSIONS = (".hpp", ".h", ".cpp")
# Where the build looks for includes (after the including file's own folder, for a quoted
# one): "importers/import.hpp" from the source directory, "model/field.hpp" from src/.
INCLUDE_ROOTS = ("", "src")

# The layers, bottom up: each folder and the folders its files may include (besides its own).
# Each list also holds what the layers in it may include, so checking each include alone
# checks every path. The
# libraries link the same way (src/CMakeLists.txt and each folder's own); tests/ and bench/
# may include anything, and are not read by --layers.
_MODEL = ("src/model",)
_RULEBOOK = _MODEL + ("src/rulebook",)
_EDGES = _RULEBOOK + ("importers", "reports", "src/store")
LAYERS = {
    "src/model": (),
    "src/rulebook": _MODEL,
    "importers": _MODEL,      # files -> returns: never the rulebook, reports, store or pipeline
    "reports": _RULEBOOK,     # findings -> workbooks, with the rulebook's clause text
    "src/store": _MODEL,
    "src/pipeline": _EDGES,
    "src/service": _EDGES + ("src/pipeline",),
    "src/cli": _EDGES + ("src/pipeline", "src/service"),  # `fairgate serve` runs the service
    "tools/gen": _MODEL,
}


def source_files(source_dir, folders):
    for folder in folders:
        top = os.path.join(source_dir, folder)
        if not os.path.isdir(top):
            sys.exit(f"include-graph: no folder {folder} under {source_dir}")
        for root, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.endswith(EXTENSIONS):
                    yield os.path.relpath(os.path.join(root, name), source_dir)


def resolve(source_dir, including, target, quoted=True):
    """The path (relative to source_dir) that `#include "target"` (or `<target>`) in
    `including` opens, or None for a file outside the tree (a third-party header)."""
    candidates = [os.path.join(os.path.dirname(including), target)] if quoted else []
    candidates += [os.path.join(root, target) for root in INCLUDE_ROOTS]
    for candidate in candidates:
        if os.path.isfile(os.path.join(source_dir, candidate)):
            return os.path.normpath(candidate)
    return None


def includes(source_dir, path):
    """(line number, line, path opened) for each include in `path` that opens a file of the
    tree."""
    with open(os.path.join(source_dir, path), encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if m:
                quoted = m.group(1) is not None
                resolved = resolve(source_dir, path, m.group(1) if quoted else m.group(2), quoted)
                if resolved is not None:
                    yield number, line.strip(), resolved


def node(path, modules):
    return os.path.splitext(path)[0] if modules else path


def graph(source_dir, folders, modules):
    edges = {}
    files = list(source_files(source_dir, folders))
    if not modules:
        files = [f for f in files if not f.endswith(".cpp")]
    for path in files:
        edges.setdefault(node(path, modules), set())
        for _, _, resolved in includes(source_dir, path):
            if not modules and resolved.endswith(".cpp"):
                continue
            a, b = node(path, modules), node(resolved, modules)
            if a != b:  # a module's .cpp including its own header is no cycle
                edges[a].add(b)
            edges.setdefault(b, set())
    return edges


def cycles(edges):
    """For each strongly connected component of more than one node (Tarjan's algorithm,
    iterative so that a deep tree cannot exhaust Python's stack), one cycle through it and
    all its nodes."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            v, children = work[-1]
            advanced = False
            for w in children:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(edges[w]))))
                    advanced = True
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == v:
                        break
                if len(component) > 1:
                    components.append(set(component))
    return [(shortest_cycle(edges, c), sorted(c)) for c in components]


def shortest_cycle(edges, component):
    """The shortest path from the component's first node back to itself, inside it."""
    first = min(component)
    previous = {first: None}
    queue = [first]
    while queue:
        v = queue.pop(0)
        for w in sorted(edges[v]):
            if w == first:
                path = [v]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return list(reversed(path)) + [first]
            if w in component and w not in previous:
                previous[w] = v
                queue.append(w)
    return sorted(component)


def layer_of(path):
    """The layer (a key of LAYERS) that `path` belongs to, or None."""
    best = None
    for layer in LAYERS:
        if (path == layer or path.startswith(layer + "/")) and (best is None or len(layer) > len(best)):
            best = layer
    return best


def layering_errors(source_dir, folders):
    """One message per include that goes up or across the layers, and per file in no layer."""
    errors = []
    for path in source_files(source_dir, folders):
        layer = layer_of(path)
        if layer is None:
            errors.append(f"{path}: in no layer: give its folder a place in LAYERS (scripts/include-graph.py)")
            continue
        for number, line, resolved in includes(source_dir, path):
            target = layer_of(resolved)
            if target == layer or target in LAYERS[layer]:
                continue
            may = ", ".join(LAYERS[layer]) or "nothing but itself"
            what = target or f"{resolved}, which is in no layer (tests', benchmarks' code)"
            errors.append(f"{path}:{number}: {line}: {layer} may not include {what} ({layer} may include {may})")
    return errors


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description="Fails when #include lines form a cycle, or (--layers) break the layering.")
    parser.add_argument("folders", nargs="+", help="folders to read, relative to the source directory")
    parser.add_argument("--source-dir", default=os.path.dirname(here))
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--files", action="store_true", help="headers alone, not header and source as one module")
    mode.add_argument("--layers", action="store_true", help="check the layering (LAYERS) instead of cycles")
    args = parser.parse_args()

    if args.layers:
        errors = layering_errors(args.source_dir, args.folders)
        for error in errors:
            print(error)
        if errors:
            print(f"{len(errors)} breach(es) of the layering of {', '.join(args.folders)}")
            return 1
        print(f"every include of {', '.join(args.folders)} goes down the layers")
        return 0

    edges = graph(args.source_dir, args.folders, modules=not args.files)
    found = cycles(edges)
    what = "header" if args.files else "module"
    for cycle, knot in found:
        print(f"include cycle: {' -> '.join(cycle)}")
        if len(knot) > len(cycle) - 1:
            print(f"  one knot of {len(knot)} {what}s, each reaching every other: {', '.join(knot)}")
    if found:
        print(f"{len(found)} include cycle(s) among {len(edges)} {what}s of {', '.join(args.folders)}")
        return 1
    print(f"no include cycle among {len(edges)} {what}s of {', '.join(args.folders)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

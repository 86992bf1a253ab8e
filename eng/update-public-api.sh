#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to PublicAPI.Unshipped.txt.
# Review the diff: every line added here is a public API promise.
set -euo pipefail
project=${1:-src/UnionFs}
file="$project/PublicAPI.Unshipped.txt"
out=$(dotnet build "$project" -p:TreatWarningsAsErrors=false 2>&1 || true)
{ cat "$file"; grep -oP "RS0016: Symbol '\K.*(?=' is not part of the declared public API)" <<<"$out" || true; } \
  | grep -v '^#nullable' | sort -u > "$file.tmp"
{ echo '#nullable enable'; cat "$file.tmp"; } > "$file"
rm "$file.tmp"
grep -c . "$file"

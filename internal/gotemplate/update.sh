#!/usr/bin/env bash
# Copies text/template, html/template and internal/fmtsort from the Go
# toolchain's source over the files of this folder, points their imports
# at the copies, and applies fork.patch (polisee's changes to them).
# polisee's own files (text/lookup.go, text/direct.go, text/fork_test.go,
# text/methodform.go, text/methodform_test.go, html/strform.go,
# html/strform_test.go)
# have no counterpart there and are left as they are. Run it after
# changing the toolchain (go.mod, .ci/run), then run the tests:
#   GOTOOLCHAIN=go1.26.10 bash internal/gotemplate/update.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(go env GOROOT)"
mod=github.com/clusterpolisee/polisee/internal/gotemplate
copy() { # copy SRC DEST
  mkdir -p "$2"
  cp "$1"/*.go "$2/"
  if [ -d "$1/testdata" ]; then rm -rf "$2/testdata" && cp -r "$1/testdata" "$2/"; fi
}
copy "$root/src/text/template" "$here/text"
copy "$root/src/html/template" "$here/html"
copy "$root/src/internal/fmtsort" "$here/fmtsort"
rm -f "$here/text/link_test.go" # needs the toolchain's internal/testenv
sed -i -e "s#\"internal/fmtsort\"#\"$mod/fmtsort\"#" \
  -e "s#^\(\s*\)\(\. \|\)\"text/template\"\$#\1\2\"$mod/text\"#" \
  -e "s#^\(\s*\)\(\. \|\)\"html/template\"\$#\1\2\"$mod/html\"#" \
  "$here"/text/*.go "$here"/html/*.go "$here"/fmtsort/*.go
gofmt -w "$here"/text/*.go "$here"/html/*.go "$here"/fmtsort/*.go
cp "$root/LICENSE" "$here/LICENSE"
go env GOVERSION > "$here/GOVERSION"
cd "$here" && patch -p1 --no-backup-if-mismatch < fork.patch

#!/bin/sh
# Renders page 1 of one fixture per document family to Docs/previews/<family>.png (50 dpi),
# the previews the README shows. Usage: Docs/previews/render.sh [path/to/presswork]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/.build/debug/presswork}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
for pair in invoice:invoice-de dunning:dunning-de-level3 contract:contract-de commission:commission-pl \
            bench-invoice:bench-invoice-sample credit-note:invoice-de-credit-note; do
    family=${pair%%:*}
    fixture=${pair#*:}
    template=$family
    [ "$family" = credit-note ] && template=invoice
    "$bin" render --template "Templates/$template" --data "Fixtures/$fixture.json" --out "$tmp/$family.pdf"
    pdftoppm -r 50 -png -f 1 -l 1 -singlefile "$tmp/$family.pdf" "Docs/previews/$family"
    echo "Docs/previews/$family.png  <- Fixtures/$fixture.json"
done

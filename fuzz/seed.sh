#!/bin/sh
# Fills the fuzz corpus with the bundled workbooks and the example in workbooks/README.md.
set -eu
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/load_bytes
cp workbooks/*.ron fuzz/corpus/load_bytes/
awk '/^```ron$/{on=1; next} /^```$/{on=0} on' workbooks/README.md > fuzz/corpus/load_bytes/readme-example.ron

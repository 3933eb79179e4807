#!/bin/sh
# git-revision.sh SOURCE_DIR OUTPUT_FILE
# Writes a Swift file declaring `gitRevision`: the short commit of SOURCE_DIR's checkout, with
# "+dirty" when tracked files differ from it, or "unknown" when SOURCE_DIR is not in a git
# checkout or git is missing. OUTPUT_FILE is replaced only when its text would change.
set -eu
source_dir=$1
output=$2
revision=unknown
if command -v git >/dev/null 2>&1 && commit=$(git -C "$source_dir" rev-parse --short=7 HEAD 2>/dev/null); then
  revision=$commit
  if [ -n "$(git --no-optional-locks -C "$source_dir" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    revision="$commit+dirty"
  fi
fi
mkdir -p "$(dirname "$output")"
text="/// The git revision this binary was built from (written by Plugins/GitRevision).
let gitRevision = \"$revision\""
if [ ! -f "$output" ] || [ "$(cat "$output")" != "$text" ]; then
  printf '%s\n' "$text" > "$output.tmp"
  mv "$output.tmp" "$output"
fi

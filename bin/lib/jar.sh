# Sourced by the launchers after jdk.sh.
#   forge_build MODULE...   builds the modules' runnable jars when one is missing or older than
#                           the sources (one Maven run for all of them)
#   forge_jar MODULE        prints the path of MODULE's runnable (-exec) jar
FORGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Prints nothing (and succeeds) when the jar is not built yet: the launchers run under
# `set -euo pipefail`, where a failing `ls` in `jar=$(forge_find_jar ...)` would end them silently
# on a fresh clone before they get to build anything.
forge_find_jar() {
  local jar
  for jar in "$FORGE_ROOT/$1"/target/"$1"-*-exec.jar; do
    [ -f "$jar" ] && { echo "$jar"; return 0; }
  done
  return 0
}

forge_build() {
  local module jar stale=""
  for module in "$@"; do
    jar=$(forge_find_jar "$module")
    if [ -z "$jar" ] || [ -n "$(find "$FORGE_ROOT" -path '*/src/main/*' -newer "$jar" -print -quit 2>/dev/null)" ]; then
      stale=1
    fi
  done
  [ -z "$stale" ] && return 0
  local list
  list=$(IFS=,; echo "$*")
  echo "Building MeshForge ($list; first run or sources changed; this takes a minute or two)..." >&2
  (cd "$FORGE_ROOT" && ./mvnw -B -q -T 1C -DskipTests -Dspotless.check.skip=true install -pl "$list" -am) >&2 || {
    echo "The build failed; see the output above." >&2
    exit 1
  }
}

forge_jar() {
  forge_build "$1"
  forge_find_jar "$1"
}

# Sourced by the launchers after jdk.sh.
#   forge_build MODULE...   builds the modules' runnable jars when one is missing or older than
#                           the sources (one Maven run for all of them)
#   forge_jar MODULE        prints the path of MODULE's runnable (-exec) jar
FORGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

forge_find_jar() {
  ls "$FORGE_ROOT/$1"/target/"$1"-*-exec.jar 2>/dev/null | head -n1
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
  (cd "$FORGE_ROOT" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true install -pl "$list" -am) >&2 || {
    echo "The build failed; see the output above." >&2
    exit 1
  }
}

forge_jar() {
  forge_build "$1"
  forge_find_jar "$1"
}

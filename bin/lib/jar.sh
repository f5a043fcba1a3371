# Sourced by the launchers after jdk.sh: forge_jar MODULE prints the path of MODULE's runnable jar,
# building the project first when the jar is missing or older than the sources.
FORGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

forge_jar() {
  local module="$1" jar
  jar=$(ls "$FORGE_ROOT/$module"/target/"$module"-*-exec.jar 2>/dev/null | head -n1)
  if [ -z "$jar" ] || [ -n "$(find "$FORGE_ROOT" -path '*/src/main/*' -newer "$jar" -print -quit 2>/dev/null)" ]; then
    echo "Building MeshForge (first run or sources changed; this takes a minute or two)..." >&2
    (cd "$FORGE_ROOT" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true install -pl "$module" -am) >&2 || {
      echo "The build failed; see the output above." >&2
      exit 1
    }
    jar=$(ls "$FORGE_ROOT/$module"/target/"$module"-*-exec.jar | head -n1)
  fi
  echo "$jar"
}

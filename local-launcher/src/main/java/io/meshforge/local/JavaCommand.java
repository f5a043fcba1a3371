package io.meshforge.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds command lines that run a jar on the same JDK as the current process. */
public final class JavaCommand {
  private JavaCommand() {}

  /** Returns {@code <this JDK's java> <jvmOptions> -jar <jar> <args>}. */
  public static List<String> jar(Path jar, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.addAll(args);
    return command;
  }

  /** The {@code java} binary of the running JDK. */
  public static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}

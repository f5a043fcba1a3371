package io.meshforge.bench;

import com.google.protobuf.Message;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs B1 ({@link XdsGenerationBenchmark}) with JMH and prints the size of the generated
 * configuration first. Arguments ({@code key=value}): {@code services=10,100,1000}, {@code
 * policies=0,50,500}, {@code
 * benchmarks=full,meshRebuild,incremental,incrementalFirst,incrementalEndpoints}, {@code warmup=3}
 * and {@code iterations=5} iterations of {@code time=2} seconds, {@code forks=1}, {@code gc=true}
 * (JMH's {@code -prof gc}: allocated bytes per operation), {@code json=} (a file for JMH's JSON
 * results).
 */
public final class XdsGenerationMain {

  private XdsGenerationMain() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    String[] services = options.text("services", "10,100,1000").split(",");
    String[] policies = options.text("policies", "0,50,500").split(",");
    printSizes(services, policies);
    exposeClasspathToForks();
    String benchmarks =
        "("
            + String.join(
                "|",
                options
                    .text("benchmarks", "full,meshRebuild,incremental,incrementalFirst")
                    .split(","))
            + ")";
    ChainedOptionsBuilder jmh =
        new OptionsBuilder()
            .include(XdsGenerationBenchmark.class.getName() + "\\." + benchmarks + "$")
            .param("services", services)
            .param("policies", policies)
            .warmupIterations(options.integer("warmup", 3))
            .measurementIterations(options.integer("iterations", 5))
            .warmupTime(TimeValue.seconds(options.integer("time", 2)))
            .measurementTime(TimeValue.seconds(options.integer("time", 2)))
            .forks(options.integer("forks", 1))
            .jvmArgsAppend("-Xmx2g");
    if (options.flag("gc", true)) {
      jmh.addProfiler(GCProfiler.class);
    }
    String json = options.text("json", "");
    if (!json.isEmpty()) {
      jmh.result(json).resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON);
    }
    new Runner(jmh.build()).run();
  }

  /**
   * Prints, per size, the bytes of the proxy's generated configuration (serialized protobuf, per
   * Envoy type) and what the change of {@code incremental} changes: the resources whose bytes
   * differ, i.e. what a delta xDS response carries.
   */
  private static void printSizes(String[] services, String[] policies) {
    SidecarGenerator generator =
        SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE);
    System.out.println(
        "| services | policies | clusters | endpoints | listeners | routes | total bytes |"
            + " changed resources | changed bytes |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (String s : services) {
      for (String p : policies) {
        var fixture =
            XdsGenerationBenchmark.Fixture.of(
                Integer.parseInt(s.trim()), Integer.parseInt(p.trim()));
        EnvoyResources before = XdsGenerationBenchmark.generate(generator, fixture.meshBefore());
        EnvoyResources after = XdsGenerationBenchmark.generate(generator, fixture.meshAfter());
        Map<String, List<? extends Message>> types = after.byType();
        Set<Message> old = new HashSet<>();
        before.byType().values().forEach(old::addAll);
        long changedBytes = 0;
        int changed = 0;
        for (List<? extends Message> list : types.values()) {
          for (Message m : list) {
            if (!old.contains(m)) {
              changed++;
              changedBytes += m.getSerializedSize();
            }
          }
        }
        System.out.printf(
            Locale.ROOT,
            "| %s | %s | %s | %d | %d | %d |%n",
            s,
            p,
            IntStream.range(0, 4)
                .mapToObj(i ->
                    cell(types.get(List.of("clusters", "endpoints", "listeners", "routes").get(i))))
                .collect(Collectors.joining(" | ")),
            bytes(types),
            changed,
            changedBytes);
      }
    }
    System.out.println();
  }

  private static String cell(List<? extends Message> messages) {
    return messages.size()
        + " ("
        + messages.stream().mapToLong(Message::getSerializedSize).sum()
        + " B)";
  }

  private static long bytes(Map<String, List<? extends Message>> types) {
    return types.values().stream()
        .flatMap(List::stream)
        .mapToLong(Message::getSerializedSize)
        .sum();
  }

  /**
   * JMH forks a JVM with this JVM's {@code java.class.path}. Under {@code exec:java} that is
   * Maven's launcher, not the project: hand the forks the class loader's jars instead.
   */
  private static void exposeClasspathToForks() {
    if (!(Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader)) {
      return;
    }
    List<String> entries = new ArrayList<>();
    for (URL url : loader.getURLs()) {
      if ("file".equals(url.getProtocol())) {
        entries.add(new File(java.net.URI.create(url.toString())).getPath());
      }
    }
    if (entries.stream().anyMatch(e -> e.contains("jmh-core"))) {
      System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
    }
  }
}

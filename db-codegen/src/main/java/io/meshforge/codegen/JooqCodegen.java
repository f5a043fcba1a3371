package io.meshforge.codegen;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;

/**
 * {@code JooqCodegen} generates the jOOQ classes of the schema at build time: it starts an embedded
 * PostgreSQL, applies the Flyway migrations from a directory and reverse-engineers the real schema
 * (so the migrations stay plain PostgreSQL, see STACK.md §4).
 *
 * <p>Usage: {@code JooqCodegen <migrationsDir> <package> <targetDir>}. Generation is skipped when a
 * SHA-256 stamp of the migration files (and the package) matches the previous run and the target
 * directory exists.
 */
public final class JooqCodegen {

  private JooqCodegen() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: JooqCodegen <migrationsDir> <package> <targetDir>");
      System.exit(2);
    }
    Path migrations = Path.of(args[0]).toAbsolutePath();
    String packageName = args[1];
    Path target = Path.of(args[2]).toAbsolutePath();
    // Beside, not inside, the target directory: jOOQ cleans what it generates into.
    Path stamp = target.resolveSibling(target.getFileName() + ".sha256");

    String digest = digest(migrations, packageName);
    if (Files.isDirectory(target)
        && Files.exists(stamp)
        && Files.readString(stamp).strip().equals(digest)) {
      System.out.println("jOOQ classes are up to date with " + migrations);
      return;
    }
    generate(migrations, packageName, target);
    Files.createDirectories(stamp.getParent());
    Files.writeString(stamp, digest + "\n");
  }

  private static void generate(Path migrations, String packageName, Path target) throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      Flyway.configure()
          .dataSource(pg.getPostgresDatabase())
          .locations("filesystem:" + migrations)
          .load()
          .migrate();
      try (Connection connection = pg.getPostgresDatabase().getConnection()) {
        GenerationTool tool = new GenerationTool();
        tool.setConnection(connection);
        tool.run(
            new Configuration()
                .withGenerator(
                    new Generator()
                        .withDatabase(
                            new Database()
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withInputSchema("public")
                                .withExcludes("flyway_schema_history"))
                        .withGenerate(
                            new Generate()
                                .withJavaTimeTypes(true)
                                .withRecords(true)
                                .withPojos(false)
                                .withGeneratedAnnotation(false))
                        .withTarget(
                            new Target()
                                .withPackageName(packageName)
                                .withDirectory(target.toString()))));
      }
    }
  }

  /** Returns the SHA-256 of the package name and every migration file's name and content. */
  static String digest(Path migrations, String packageName)
      throws IOException, NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(packageName.getBytes(StandardCharsets.UTF_8));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(migrations)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      sha.update(migrations.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(Files.readAllBytes(file));
      sha.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}

package dev.privacy.platform.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promise → code in one hop: the root README's "Promise traceability" table names, for every
 * promise of docs/policy/PROMISES.md, the classes whose code keeps it and the tests that prove it.
 * Classes move and tests are renamed; this keeps the table's names true, as
 * {@link PolicyDocumentsInSyncTest} keeps the policy. Source files are found by name in the
 * repository's source trees, so a class that moved to another package or module still counts.
 *
 * <ul>
 * <li>"enforced by": each {@code `Name`} is the one {@code Name.java} under a {@code src/main/java}
 * (a name two modules use is written {@code `module:Name`}: the file is then under that folder);</li>
 * <li>"end-to-end test" and "service tests": each {@code `Class`} has a {@code Class.java} under a
 * {@code src/test/java}; {@code `Class.method`} a declaration {@code void method(} in one of them, and
 * {@code `Class.P13_…`} at least one test method whose name starts with {@code P13_}.</li>
 * </ul>
 */
class PromiseTraceabilityTest {

    private static final Path REPOSITORY = RepositoryRoot.find();
    private static final String SECTION = "## Promise traceability";
    private static final String ENFORCED_BY = "enforced by";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern PROMISE_ID = Pattern.compile("(?m)^\\| (P\\d{2}) \\|");
    private static final Pattern TEST_NAME = Pattern.compile("([A-Z][A-Za-z0-9_]*)(?:\\.([A-Za-z0-9_]+)(…)?)?");
    private static final Pattern CLASS_NAME = Pattern.compile("(?:([a-z0-9][a-z0-9-]*(?:/[a-z0-9][a-z0-9-]*)*):)?([A-Z][A-Za-z0-9_]*)");

    private static final List<Row> ROWS = readTable();
    private static final Map<String, List<Path>> MAIN_SOURCES = sources("/src/main/java/");
    private static final Map<String, List<Path>> TEST_SOURCES = sources("/src/test/java/");

    @Test
    void everyPromiseHasARowNamingTheClassesThatEnforceIt() throws IOException {
        Set<String> promises = new TreeSet<>();
        Matcher ids = PROMISE_ID.matcher(Files.readString(REPOSITORY.resolve("docs/policy/PROMISES.md")));
        while (ids.find()) {
            promises.add(ids.group(1));
        }
        assertThat(promises).as("the promises of docs/policy/PROMISES.md").contains("P01", "P21");
        for (String promise : promises) {
            List<Row> rows = ROWS.stream().filter(r -> r.promise().startsWith(promise + " ")).toList();
            assertThat(rows).as("README rows for %s", promise).hasSize(1);
        }
        for (Row row : ROWS) {
            assertThat(names(row.cell(ENFORCED_BY))).as("the classes that enforce \"%s\"", row.promise()).isNotEmpty();
        }
    }

    @Test
    void everyEnforcingClassHasOneSourceFile() {
        List<String> problems = new ArrayList<>();
        for (Row row : ROWS) {
            for (String name : names(row.cell(ENFORCED_BY))) {
                Matcher m = CLASS_NAME.matcher(name);
                if (!m.matches()) {
                    problems.add(row.id() + ": `" + name + "` is not a class name (Name or module:Name)");
                    continue;
                }
                String folder = m.group(1);
                List<Path> files = MAIN_SOURCES.getOrDefault(m.group(2), List.of()).stream()
                        .filter(f -> folder == null || f.startsWith(folder + "/")).toList();
                if (files.isEmpty()) {
                    problems.add(row.id() + ": no " + m.group(2) + ".java under a src/main/java"
                            + (folder == null ? "" : " in " + folder + "/") + " (moved or renamed? name it as it is now)");
                } else if (files.size() > 1) {
                    problems.add(row.id() + ": `" + name + "` is ambiguous, write it module:" + m.group(2) + ": " + files);
                }
            }
        }
        assertThat(problems).as("enforcing classes named in README.md \"Promise traceability\"").isEmpty();
    }

    @Test
    void everyNamedTestHasASourceFileAndEveryNamedTestMethodADeclaration() {
        List<String> problems = new ArrayList<>();
        for (Row row : ROWS) {
            for (String column : List.of("end-to-end test", "service tests")) {
                for (String name : names(row.cell(column))) {
                    Matcher m = TEST_NAME.matcher(name);
                    if (!m.matches()) {
                        problems.add(row.id() + ": `" + name + "` is not Class, Class.method or Class.P00_…");
                        continue;
                    }
                    List<Path> files = TEST_SOURCES.getOrDefault(m.group(1), List.of());
                    if (files.isEmpty()) {
                        problems.add(row.id() + ": no " + m.group(1) + ".java under a src/test/java");
                    } else if (m.group(2) != null && files.stream().noneMatch(f -> declares(f, m.group(2), m.group(3) != null))) {
                        problems.add(row.id() + ": " + m.group(1) + " declares no test method "
                                + (m.group(3) != null ? "starting with " : "") + m.group(2));
                    }
                }
            }
        }
        assertThat(problems).as("tests named in README.md \"Promise traceability\"").isEmpty();
    }

    /** One row of the table: its cells by column header. */
    private record Row(Map<String, String> cells) {
        String promise() {
            return cell("promise");
        }

        String id() {
            String promise = promise();
            return promise.length() > 24 ? promise.substring(0, 24) + "…" : promise;
        }

        String cell(String header) {
            return cells.entrySet().stream().filter(e -> e.getKey().startsWith(header)).map(Map.Entry::getValue)
                    .findFirst().orElseThrow(() -> new AssertionError("README table has no column \"" + header + "\""));
        }
    }

    private static List<String> names(String cell) {
        List<String> names = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            names.add(m.group(1).strip());
        }
        return names;
    }

    private static boolean declares(Path file, String method, boolean prefix) {
        Pattern declaration = Pattern.compile("\\bvoid\\s+" + Pattern.quote(method) + (prefix ? "\\w*" : "") + "\\s*\\(");
        try {
            return declaration.matcher(Files.readString(REPOSITORY.resolve(file))).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Row> readTable() {
        List<String> lines;
        try {
            lines = Files.readAllLines(REPOSITORY.resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf(SECTION);
        assertThat(start).as("README.md has a section \"%s\"", SECTION).isNotNegative();
        List<String> table = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("|")) {
                table.add(line);
            }
        }
        assertThat(table).as("the table of \"%s\"", SECTION).hasSizeGreaterThan(2);
        List<String> headers = cells(table.get(0));
        assertThat(headers).as("the table's columns").anyMatch(h -> h.startsWith(ENFORCED_BY));
        List<Row> rows = new ArrayList<>();
        for (String line : table.subList(2, table.size())) {
            List<String> cells = cells(line);
            assertThat(cells).as("cells of %s", line).hasSameSizeAs(headers);
            Map<String, String> byHeader = new LinkedHashMap<>();
            for (int i = 0; i < headers.size(); i++) {
                byHeader.put(headers.get(i), cells.get(i));
            }
            rows.add(new Row(byHeader));
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        return Stream.of(inner.split("(?<!\\\\)\\|", -1)).map(String::strip).toList();
    }

    /** Java source files under the given kind of source tree, by simple name, as paths from the repository root. */
    private static Map<String, List<Path>> sources(String tree) {
        Map<String, List<Path>> byName = new TreeMap<>();
        try {
            Files.walkFileTree(REPOSITORY, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(REPOSITORY) && (name.equals("target") || name.startsWith("."))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    Path relative = REPOSITORY.relativize(file);
                    String name = file.getFileName().toString();
                    if (name.endsWith(".java") && ("/" + relative.toString().replace('\\', '/')).contains(tree)) {
                        byName.computeIfAbsent(name.substring(0, name.length() - ".java".length()), k -> new ArrayList<>())
                                .add(relative);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byName;
    }
}

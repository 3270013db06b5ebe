package dev.privacy.platform.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * No comment or document cites a file the repository does not have (21 comments once cited a
 * design document that lived beside the checkout, not in it). Every .java, .md, .properties, .sql, .yaml,
 * .yml, .sh and .xml file outside build output is read, and its citations must hold:
 * <ul>
 * <li>a Markdown link's target (in a .md file) resolves from the file's folder, as a viewer does;</li>
 * <li>a {@code *.md} name, or a path under a top-level folder of the repository ({@code docs/…},
 * {@code deploy/…}, {@code e2e/…}, a service's folder, {@code platform/platform-…/…}), resolves from
 * the citing file's folder or a folder above it inside the repository, or else is the tail of a
 * repository path (so a classpath or module-relative mention such as {@code policy/PROMISES.md}
 * holds); a path out of the repository ({@code ../shared/…}) does not;</li>
 * <li>a rule of the architecture ({@code docs/ARCHITECTURE.md R7}, {@code R6–R11}, {@code R3, R11})
 * is one that docs/ARCHITECTURE.md numbers.</li>
 * </ul>
 * Not citations: URLs, paths with a placeholder ({@code *}, {@code <…>}, {@code {…}}, {@code $},
 * {@code ...}) and run-time or build folders (a part starting with a dot, {@code target}).
 */
class CitedFilesExistTest {

    private static final Path REPOSITORY = RepositoryRoot.find();
    private static final Set<String> SCANNED = Set.of(".java", ".md", ".properties", ".sql", ".yaml", ".yml", ".sh", ".xml");
    private static final Pattern MD_NAME =
            Pattern.compile("(?<![\\w/.-])((?:\\.\\.?/)*(?:[\\w.-]+/)*[\\w-][\\w.-]*\\.md)(?!\\w)");
    private static final Pattern MD_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern RULE_CITATION = Pattern.compile(
            "ARCHITECTURE\\.md\\)?,?[\\s*/#]+(R\\d+(?:\\s*[–-]\\s*R?\\d+)?(?:\\s*(?:,|and)\\s*R\\d+(?:\\s*[–-]\\s*R?\\d+)?)*)");
    private static final Pattern RULE_RANGE = Pattern.compile("R?(\\d+)(?:\\s*[–-]\\s*R?(\\d+))?");
    private static final Pattern RULE_DEFINITION = Pattern.compile("\\*\\*R(\\d+)\\.");

    private static final List<Path> FILES = new ArrayList<>();
    private static final Set<String> REPOSITORY_PATHS = new HashSet<>();

    static {
        try {
            Files.walkFileTree(REPOSITORY, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (!dir.equals(REPOSITORY) && buildOrRunTime(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    REPOSITORY_PATHS.add(slashes(REPOSITORY.relativize(dir)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    REPOSITORY_PATHS.add(slashes(REPOSITORY.relativize(file)));
                    String name = file.getFileName().toString();
                    if (SCANNED.stream().anyMatch(name::endsWith)) {
                        FILES.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyCitedRepositoryFileExists() {
        Pattern repositoryPath = repositoryPathPattern();
        List<String> missing = new ArrayList<>();
        for (Path file : FILES) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Set<String> cited = new TreeSet<>();
                collect(MD_NAME.matcher(line), cited);
                collect(repositoryPath.matcher(line), cited);
                for (String path : cited) {
                    if (citesARepositoryFile(path) && !resolves(file, path)) {
                        missing.add(where(file, i) + " cites " + path);
                    }
                }
                if (file.getFileName().toString().endsWith(".md")) {
                    Matcher link = MD_LINK.matcher(line);
                    while (link.find()) {
                        String target = link.group(1).replaceFirst("#.*$", "");
                        if (target.isEmpty() || target.contains(":")) {
                            continue;
                        }
                        Path resolved = file.getParent().resolve(target).normalize();
                        if (!resolved.startsWith(REPOSITORY) || !Files.exists(resolved)) {
                            missing.add(where(file, i) + " links to " + link.group(1));
                        }
                    }
                }
            }
        }
        assertThat(missing).as("citations of files the repository does not have").isEmpty();
    }

    @Test
    void everyCitedArchitectureRuleIsNumberedThere() throws IOException {
        String architecture = Files.readString(REPOSITORY.resolve("docs/ARCHITECTURE.md"));
        List<Integer> defined = new ArrayList<>();
        Matcher definition = RULE_DEFINITION.matcher(architecture);
        while (definition.find()) {
            defined.add(Integer.parseInt(definition.group(1)));
        }
        assertThat(defined).as("the rules docs/ARCHITECTURE.md numbers").isNotEmpty().doesNotHaveDuplicates();

        List<String> unknown = new ArrayList<>();
        for (Path file : FILES) {
            String text = String.join("\n", lines(file));
            Matcher citation = RULE_CITATION.matcher(text);
            while (citation.find()) {
                Matcher range = RULE_RANGE.matcher(citation.group(1));
                while (range.find()) {
                    int from = Integer.parseInt(range.group(1));
                    int to = range.group(2) == null ? from : Integer.parseInt(range.group(2));
                    for (int rule = from; rule <= to; rule++) {
                        if (!defined.contains(rule)) {
                            int line = (int) text.substring(0, citation.start()).chars().filter(c -> c == '\n').count();
                            unknown.add(where(file, line) + " cites R" + rule);
                        }
                    }
                }
            }
        }
        assertThat(unknown).as("citations of rules docs/ARCHITECTURE.md does not number").isEmpty();
    }

    @Test
    void theBaselinesCopyEqualsTheSharedOneWhereItIsBesideTheCheckout() throws IOException {
        Path shared = REPOSITORY.resolveSibling("shared").resolve("BASELINES.md");
        assumeTrue(Files.isRegularFile(shared), "no shared/ folder beside the checkout");
        assertThat(Files.readString(REPOSITORY.resolve("docs/BASELINES.md")))
                .as("docs/BASELINES.md equals BASELINES.md in the shared folder (copy it over when the baselines are measured again)")
                .isEqualTo(Files.readString(shared));
    }

    /** A path under one of the repository's top-level folders; platform/ only with its module. */
    private static Pattern repositoryPathPattern() {
        String folders;
        try (Stream<Path> top = Files.list(REPOSITORY)) {
            folders = top.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(name -> !buildOrRunTime(name) && !name.equals("platform"))
                    .map(Pattern::quote).collect(Collectors.joining("|"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Pattern.compile("(?<![\\w/.-])((?:" + folders + "|platform/platform-[\\w-]+)/[\\w./-]*[\\w-])");
    }

    private static void collect(Matcher matcher, Set<String> into) {
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    /** False for placeholders, globs and run-time or build folders, which name no file of the repository. */
    private static boolean citesARepositoryFile(String path) {
        if (path.matches(".*[*<>{}$…].*") || path.contains("...")) {
            return false;
        }
        return Stream.of(path.split("/")).noneMatch(part -> !part.equals("..") && !part.equals(".") && buildOrRunTime(part));
    }

    private static boolean resolves(Path citingFile, String path) {
        for (Path dir = citingFile.getParent(); dir != null && dir.startsWith(REPOSITORY); dir = dir.getParent()) {
            Path candidate = dir.resolve(path).normalize();
            if (candidate.startsWith(REPOSITORY) && Files.exists(candidate)) {
                return true;
            }
        }
        if (path.startsWith("../")) {
            return false; // out of the folder it was written in: no tail of a repository path stands in for it
        }
        String tail = path.replaceFirst("^(\\./)+", "");
        return REPOSITORY_PATHS.contains(tail) || REPOSITORY_PATHS.stream().anyMatch(p -> p.endsWith("/" + tail));
    }

    private static boolean buildOrRunTime(String name) {
        return name.equals("target") || name.equals("node_modules") || name.startsWith(".");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (MalformedInputException e) {
            return List.of(); // not UTF-8 text: nothing a reader would follow
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(Path file, int lineIndex) {
        return slashes(REPOSITORY.relativize(file)) + ":" + (lineIndex + 1);
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }
}

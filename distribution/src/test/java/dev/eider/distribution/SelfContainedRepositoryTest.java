package dev.eider.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A plain clone must be enough to build, test and read the documentation: no tracked file may
 * point at a folder outside the repository (the workspace it was developed in, a home
 * directory), and every relative Markdown link must name a file inside the repository.
 */
class SelfContainedRepositoryTest {
    private static final Path ROOT = Path.of(System.getProperty("eider.project.dir")).toAbsolutePath().normalize();
    /** Spelled in pieces so that this file does not match itself. */
    private static final List<String> OUTSIDE = List.of(
            ".." + "/shared", "shared" + "/spec/", "shared" + "/testdata", "/" + "work/",
            "/" + "root/", "/" + "home/", "/" + "Users/");
    private static final Set<String> BINARY = Set.of("bar", "pb", "otlp", "jar", "png", "duckdb", "parquet");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void noTrackedFileRefersToAFolderOutsideTheRepository() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path file : trackedFiles()) {
            if (BINARY.contains(extension(file))) {
                continue;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                for (String outside : OUTSIDE) {
                    if (lines.get(i).contains(outside)) {
                        problems.add(ROOT.relativize(file) + ":" + (i + 1) + " refers to '" + outside + "'");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyRelativeMarkdownLinkNamesAFileInTheRepository() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Path> markdown = trackedFiles().stream().filter(f -> extension(f).equals("md")).toList();
        assertTrue(markdown.size() > 10, "found the documentation: " + markdown);
        for (Path file : markdown) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher link = LINK.matcher(lines.get(i));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.startsWith("#") || target.matches("^[a-z]+:.*")) {
                        continue;
                    }
                    Path resolved = file.getParent().resolve(target.replaceFirst("#.*$", "")).normalize();
                    if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                        problems.add(ROOT.relativize(file) + ":" + (i + 1) + " links to missing " + target);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The files git tracks, or, outside a git checkout, every file but build output and caches. */
    private static List<Path> trackedFiles() throws IOException, InterruptedException {
        if (Files.isDirectory(ROOT.resolve(".git")) || Files.isRegularFile(ROOT.resolve(".git"))) {
            Process git = new ProcessBuilder("git", "-C", ROOT.toString(), "ls-files", "-z").start();
            String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (git.waitFor() == 0) {
                return Stream.of(listing.split("\0")).filter(s -> !s.isEmpty()).map(ROOT::resolve)
                        .filter(Files::isRegularFile).toList();
            }
        }
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile).filter(f -> !ROOT.relativize(f).toString()
                    .matches("(.*/)?(target|\\.cache|\\.git|\\.idea)/.*")).toList();
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}

package dev.eider.exporter.iceberg;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * The REST fixture catalog's storage: plain local files, the same ones DuckDB's iceberg writer
 * reads and writes. Iceberg's own local FileIO lives in its Hadoop module, which the tests avoid.
 */
public final class LocalFileIO implements FileIO {
    private volatile Optional<String> failMetadataOf = Optional.empty();

    /** Makes writing a new {@code metadata.json} of the table {@code tableName} fail (empty: of none). */
    void failMetadataWritesOf(Optional<String> tableName) {
        failMetadataOf = tableName;
    }

    @Override
    public InputFile newInputFile(String path) {
        return org.apache.iceberg.Files.localInput(path);
    }

    @Override
    public OutputFile newOutputFile(String path) {
        Optional<String> failing = failMetadataOf;
        if (failing.isPresent() && path.contains("/" + failing.get() + "/metadata/") && path.endsWith(".metadata.json")) {
            throw new UncheckedIOException(new IOException("injected failure writing " + path));
        }
        return org.apache.iceberg.Files.localOutput(local(path));
    }

    @Override
    public void deleteFile(String path) {
        try {
            Files.deleteIfExists(local(path).toPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File local(String path) {
        return new File(path.startsWith("file:") ? path.substring("file:".length()) : path);
    }
}

package ${package};

import dev.eider.runtime.component.Exporter;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.SealTiming;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.VarCharVector;

/**
 * Appends, for every seal, one line per table and service:
 * {@code seal=3 pipeline=logs table=otlp_logs service=checkout rows=12}.
 *
 * <p>The runtime calls {@link #seal} from one writer thread per exporter, so the exporter needs
 * no locking. A seal is acknowledged once {@link #seal} returns: the lines are forced to disk
 * first. When it throws, the runtime keeps the rows and seals them again.
 */
final class RowCountExporter implements Exporter {
    private static final String NO_SERVICE = "-";

    private final Path path;
    private FileChannel file;

    RowCountExporter(Path path) {
        this.path = path;
    }

    @Override
    public void start(Host host) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public SealTiming seal(Seal seal) throws IOException {
        long started = System.nanoTime();
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<Table, List<TableBatch>> table : seal.tables().entrySet()) {
            for (Map.Entry<String, Long> service : rowsPerService(table.getKey(), table.getValue()).entrySet()) {
                lines.append("seal=").append(seal.sequence())
                        .append(" pipeline=").append(seal.pipelineId())
                        .append(" table=").append(table.getKey().tableName())
                        .append(" service=").append(service.getKey())
                        .append(" rows=").append(service.getValue())
                        .append('\n');
            }
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            file.write(bytes);
        }
        long appended = System.nanoTime();
        file.force(false);
        return new SealTiming((appended - started) / 1_000_000, (System.nanoTime() - appended) / 1_000_000);
    }

    /** Reads the service_name column every table has; a real exporter would copy whole vectors. */
    private static Map<String, Long> rowsPerService(Table table, List<TableBatch> batches) {
        int column = table.columnIndex("service_name");
        Map<String, Long> rows = new TreeMap<>();
        for (TableBatch batch : batches) {
            VarCharVector services = (VarCharVector) batch.root().getVector(column);
            for (int row = 0; row < batch.rowCount(); row++) {
                String service = services.isNull(row)
                        ? NO_SERVICE
                        : new String(services.get(row), StandardCharsets.UTF_8);
                rows.merge(service, 1L, Long::sum);
            }
        }
        return rows;
    }

    @Override
    public void shutdown() throws IOException {
        // called once after the final seal; may also follow a failed start
        if (file != null) {
            file.close();
            file = null;
        }
    }
}

package dev.eider.runtime.admin;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CloseSessionRequest;
import org.apache.arrow.flight.CloseSessionResult;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.GetSessionOptionsRequest;
import org.apache.arrow.flight.GetSessionOptionsResult;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.SessionOptionValue;
import org.apache.arrow.flight.SessionOptionValueFactory;
import org.apache.arrow.flight.SetSessionOptionsRequest;
import org.apache.arrow.flight.SetSessionOptionsResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.BasicFlightSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutPreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Flight SQL protocol of the admin extension: statements and prepared statements run as
 * read-only queries ({@link FlightSqlQueries}), browsing calls are answered by
 * {@link FlightSqlMetadata}, and everything that writes or holds a transaction is refused.
 */
final class FlightSqlService extends BasicFlightSqlProducer {
    private final FlightSqlCatalogs catalogs;
    private final FlightSqlQueries queries;
    private final FlightSqlMetadata metadata;
    private final FlightSqlInfo info;
    private final FlightSqlPreparedStatements prepared = new FlightSqlPreparedStatements();
    private final BufferAllocator allocator;

    FlightSqlService(FlightSqlCatalogs catalogs, FlightSqlQueries queries, FlightSqlMetadata metadata, FlightSqlInfo info,
            BufferAllocator allocator) {
        this.catalogs = catalogs;
        this.queries = queries;
        this.metadata = metadata;
        this.info = info;
        this.allocator = allocator;
    }

    // Statements: the ticket carries the catalog and the SQL; DoGet checks and runs it.

    @Override
    public FlightInfo getFlightInfoStatement(CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
        requireNoTransaction(command.hasTransactionId());
        FlightSqlCatalogs.Catalog catalog = catalogs.forCall(context);
        Schema schema = queries.describe(catalog, command.getQuery()).dataset();
        TicketStatementQuery ticket = TicketStatementQuery.newBuilder()
                .setStatementHandle(ByteString.copyFrom(new FlightSqlTicket(catalog.name(), command.getQuery()).encode()))
                .build();
        return info(schema, descriptor, ticket);
    }

    @Override
    public SchemaResult getSchemaStatement(CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
        requireNoTransaction(command.hasTransactionId());
        return new SchemaResult(queries.describe(catalogs.forCall(context), command.getQuery()).dataset());
    }

    @Override
    public void getStreamStatement(TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
        FlightSqlTicket statement = FlightSqlTicket.decode(ticket.getStatementHandle().toByteArray());
        queries.stream(catalogs.named(statement.catalog()), QueryStatement.of(statement.sql()), listener);
    }

    // Prepared statements: kept by handle with their catalog, schemas and bound parameters.

    @Override
    public void createPreparedStatement(ActionCreatePreparedStatementRequest request, CallContext context,
            StreamListener<Result> listener) {
        requireNoTransaction(request.hasTransactionId());
        FlightSqlCatalogs.Catalog catalog = catalogs.forCall(context);
        FlightSqlQueries.Description description = queries.describe(catalog, request.getQuery());
        ByteString handle = prepared.add(new FlightSqlPreparedStatements.Prepared(catalog.name(), request.getQuery(),
                description.dataset(), description.parameters()));
        ActionCreatePreparedStatementResult result = ActionCreatePreparedStatementResult.newBuilder()
                .setPreparedStatementHandle(handle)
                .setDatasetSchema(ByteString.copyFrom(FlightSqlQueries.serialize(description.dataset())))
                .setParameterSchema(ByteString.copyFrom(FlightSqlQueries.serialize(description.parameters())))
                .build();
        listener.onNext(new Result(Any.pack(result).toByteArray()));
        listener.onCompleted();
    }

    @Override
    public Runnable acceptPutPreparedStatementQuery(CommandPreparedStatementQuery command, CallContext context,
            FlightStream parameters, StreamListener<PutResult> ackStream) {
        FlightSqlPreparedStatements.Prepared statement = prepared.get(command.getPreparedStatementHandle());
        return () -> {
            List<Object> values = null;
            while (parameters.next()) {
                values = FlightSqlParameters.values(parameters.getRoot());
            }
            statement.bind(values == null ? List.of() : values);
            byte[] result = DoPutPreparedStatementResult.newBuilder()
                    .setPreparedStatementHandle(command.getPreparedStatementHandle()).build().toByteArray();
            try (ArrowBuf metadata = allocator.buffer(result.length)) {
                metadata.writeBytes(result);
                ackStream.onNext(PutResult.metadata(metadata));
            }
            ackStream.onCompleted();
        };
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        return info(prepared.get(command.getPreparedStatementHandle()).dataset, descriptor, command);
    }

    @Override
    public SchemaResult getSchemaPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        return new SchemaResult(prepared.get(command.getPreparedStatementHandle()).dataset);
    }

    @Override
    public void getStreamPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            ServerStreamListener listener) {
        FlightSqlPreparedStatements.Prepared statement = prepared.get(command.getPreparedStatementHandle());
        queries.stream(catalogs.named(statement.catalog), statement.statement(), listener);
    }

    @Override
    public void closePreparedStatement(ActionClosePreparedStatementRequest request, CallContext context,
            StreamListener<Result> listener) {
        prepared.remove(request.getPreparedStatementHandle());
        listener.onCompleted();
    }

    // Browsing.

    @Override
    protected <T extends Message> List<FlightEndpoint> determineEndpoints(T request, FlightDescriptor descriptor,
            Schema schema) {
        return List.of(new FlightEndpoint(new Ticket(Any.pack(request).toByteArray())));
    }

    @Override
    public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
        metadata.catalogs(listener);
    }

    @Override
    public void getStreamSchemas(FlightSql.CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
        metadata.schemas(command, listener);
    }

    @Override
    public void getStreamTables(FlightSql.CommandGetTables command, CallContext context, ServerStreamListener listener) {
        metadata.tables(command, listener);
    }

    @Override
    public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
        metadata.tableTypes(listener);
    }

    @Override
    public void getStreamSqlInfo(FlightSql.CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
        info.send(command.getInfoList(), listener);
    }

    @Override
    public void getStreamTypeInfo(FlightSql.CommandGetXdbcTypeInfo request, CallContext context,
            ServerStreamListener listener) {
        metadata.empty(Schemas.GET_TYPE_INFO_SCHEMA, listener);
    }

    @Override
    public void getStreamPrimaryKeys(FlightSql.CommandGetPrimaryKeys command, CallContext context,
            ServerStreamListener listener) {
        metadata.empty(Schemas.GET_PRIMARY_KEYS_SCHEMA, listener);
    }

    @Override
    public void getStreamExportedKeys(FlightSql.CommandGetExportedKeys command, CallContext context,
            ServerStreamListener listener) {
        metadata.empty(Schemas.GET_EXPORTED_KEYS_SCHEMA, listener);
    }

    @Override
    public void getStreamImportedKeys(FlightSql.CommandGetImportedKeys command, CallContext context,
            ServerStreamListener listener) {
        metadata.empty(Schemas.GET_IMPORTED_KEYS_SCHEMA, listener);
    }

    @Override
    public void getStreamCrossReference(FlightSql.CommandGetCrossReference command, CallContext context,
            ServerStreamListener listener) {
        metadata.empty(Schemas.GET_CROSS_REFERENCE_SCHEMA, listener);
    }

    // Sessions: only the catalog option, kept by the client in a cookie.

    @Override
    public void setSessionOptions(SetSessionOptionsRequest request, CallContext context,
            StreamListener<SetSessionOptionsResult> listener) {
        FlightSqlCatalogSession session = context.getMiddleware(FlightSqlCatalogSession.KEY);
        Map<String, SetSessionOptionsResult.Error> errors = new HashMap<>();
        request.getSessionOptions().forEach((name, value) -> {
            if (!name.equals(FlightSqlCatalogSession.OPTION)) {
                errors.put(name, new SetSessionOptionsResult.Error(SetSessionOptionsResult.ErrorValue.INVALID_NAME));
                return;
            }
            String catalog = value.acceptVisitor(new TextValue());
            if (catalog == null || catalogs.all().stream().noneMatch(c -> c.name().equals(catalog))) {
                errors.put(name, new SetSessionOptionsResult.Error(SetSessionOptionsResult.ErrorValue.INVALID_VALUE));
                return;
            }
            session.select(catalog);
        });
        listener.onNext(new SetSessionOptionsResult(errors));
        listener.onCompleted();
    }

    @Override
    public void getSessionOptions(GetSessionOptionsRequest request, CallContext context,
            StreamListener<GetSessionOptionsResult> listener) {
        Map<String, SessionOptionValue> options = new HashMap<>();
        context.getMiddleware(FlightSqlCatalogSession.KEY).sessionCatalog().ifPresent(catalog ->
                options.put(FlightSqlCatalogSession.OPTION, SessionOptionValueFactory.makeSessionOptionValue(catalog)));
        listener.onNext(new GetSessionOptionsResult(options));
        listener.onCompleted();
    }

    @Override
    public void closeSession(CloseSessionRequest request, CallContext context, StreamListener<CloseSessionResult> listener) {
        context.getMiddleware(FlightSqlCatalogSession.KEY).close();
        listener.onNext(new CloseSessionResult(CloseSessionResult.Status.CLOSED));
        listener.onCompleted();
    }

    // Writes and transactions: refused, whatever the statement.

    @Override
    public Runnable acceptPutStatement(FlightSql.CommandStatementUpdate command, CallContext context,
            FlightStream flightStream, StreamListener<PutResult> ackStream) {
        throw FlightSqlErrors.readOnly("an update statement (CommandStatementUpdate)");
    }

    @Override
    public Runnable acceptPutPreparedStatementUpdate(FlightSql.CommandPreparedStatementUpdate command,
            CallContext context, FlightStream flightStream, StreamListener<PutResult> ackStream) {
        throw FlightSqlErrors.readOnly("an update of a prepared statement (CommandPreparedStatementUpdate)");
    }

    @Override
    public Runnable acceptPutStatementBulkIngest(FlightSql.CommandStatementIngest command, CallContext context,
            FlightStream flightStream, StreamListener<PutResult> ackStream) {
        throw FlightSqlErrors.readOnly("bulk ingestion (CommandStatementIngest)");
    }

    @Override
    public void beginTransaction(FlightSql.ActionBeginTransactionRequest request, CallContext context,
            StreamListener<FlightSql.ActionBeginTransactionResult> listener) {
        listener.onError(FlightSqlErrors.readOnly("a transaction (BeginTransaction)"));
    }

    @Override
    public void beginSavepoint(FlightSql.ActionBeginSavepointRequest request, CallContext context,
            StreamListener<FlightSql.ActionBeginSavepointResult> listener) {
        listener.onError(FlightSqlErrors.readOnly("a savepoint (BeginSavepoint)"));
    }

    @Override
    public void endTransaction(FlightSql.ActionEndTransactionRequest request, CallContext context,
            StreamListener<Result> listener) {
        listener.onError(FlightSqlErrors.readOnly("a transaction (EndTransaction)"));
    }

    @Override
    public void endSavepoint(FlightSql.ActionEndSavepointRequest request, CallContext context,
            StreamListener<Result> listener) {
        listener.onError(FlightSqlErrors.readOnly("a savepoint (EndSavepoint)"));
    }

    private static FlightInfo info(Schema schema, FlightDescriptor descriptor, Message ticket) {
        return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(new Ticket(Any.pack(ticket).toByteArray()))),
                -1, -1);
    }

    private static void requireNoTransaction(boolean hasTransactionId) {
        if (hasTransactionId) {
            throw CallStatus.INVALID_ARGUMENT.withDescription("not_read_only: this endpoint has no transactions;"
                    + " send statements without a transaction id").toRuntimeException();
        }
    }

    /** A session option's value when it is text, else null. */
    private static final class TextValue implements org.apache.arrow.flight.SessionOptionValueVisitor<String> {
        @Override
        public String visit(String value) {
            return value;
        }

        @Override
        public String visit(boolean value) {
            return null;
        }

        @Override
        public String visit(long value) {
            return null;
        }

        @Override
        public String visit(double value) {
            return null;
        }

        @Override
        public String visit(String[] value) {
            return null;
        }

        @Override
        public String visit(Void ignored) {
            return null;
        }
    }
}

package dev.eider.runtime.admin;

import static org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo.*;

import dev.eider.runtime.service.Version;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlNullOrdering;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlOuterJoinsSupportLevel;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedGroupBy;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedResultSetType;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedSubqueries;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedUnions;
import org.apache.arrow.flight.sql.impl.FlightSql.SupportedAnsi92SqlGrammarLevel;
import org.apache.arrow.flight.sql.impl.FlightSql.SupportedSqlGrammar;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * What GetSqlInfo answers: a read-only server of DuckDB's SQL, no transactions, catalogs that are
 * exporters. Every item the Flight SQL JDBC driver's DatabaseMetaData reads is here (it reads
 * them as non-null values); items a client asks for that are not here are left out of the answer.
 */
final class FlightSqlInfo {
    private static final Set<SqlInfo> PROVIDED = EnumSet.of(FLIGHT_SQL_SERVER_NAME, FLIGHT_SQL_SERVER_VERSION,
            FLIGHT_SQL_SERVER_ARROW_VERSION, FLIGHT_SQL_SERVER_READ_ONLY, FLIGHT_SQL_SERVER_SQL,
            FLIGHT_SQL_SERVER_SUBSTRAIT, FLIGHT_SQL_SERVER_TRANSACTION, FLIGHT_SQL_SERVER_CANCEL,
            FLIGHT_SQL_SERVER_BULK_INGESTION, FLIGHT_SQL_SERVER_STATEMENT_TIMEOUT, SQL_DDL_CATALOG, SQL_DDL_SCHEMA,
            SQL_DDL_TABLE, SQL_IDENTIFIER_CASE, SQL_IDENTIFIER_QUOTE_CHAR, SQL_QUOTED_IDENTIFIER_CASE,
            SQL_ALL_TABLES_ARE_SELECTABLE, SQL_NULL_ORDERING, SQL_KEYWORDS, SQL_NUMERIC_FUNCTIONS,
            SQL_STRING_FUNCTIONS, SQL_SYSTEM_FUNCTIONS, SQL_DATETIME_FUNCTIONS, SQL_SEARCH_STRING_ESCAPE,
            SQL_EXTRA_NAME_CHARACTERS, SQL_SUPPORTS_COLUMN_ALIASING, SQL_NULL_PLUS_NULL_IS_NULL, SQL_SUPPORTS_CONVERT,
            SQL_SUPPORTS_TABLE_CORRELATION_NAMES, SQL_SUPPORTS_DIFFERENT_TABLE_CORRELATION_NAMES,
            SQL_SUPPORTS_EXPRESSIONS_IN_ORDER_BY, SQL_SUPPORTS_ORDER_BY_UNRELATED, SQL_SUPPORTED_GROUP_BY,
            SQL_SUPPORTS_LIKE_ESCAPE_CLAUSE, SQL_SUPPORTS_NON_NULLABLE_COLUMNS, SQL_SUPPORTED_GRAMMAR, SQL_ANSI92_SUPPORTED_LEVEL,
            SQL_SUPPORTS_INTEGRITY_ENHANCEMENT_FACILITY, SQL_OUTER_JOINS_SUPPORT_LEVEL, SQL_SCHEMA_TERM,
            SQL_PROCEDURE_TERM, SQL_CATALOG_TERM, SQL_CATALOG_AT_START, SQL_SCHEMAS_SUPPORTED_ACTIONS,
            SQL_CATALOGS_SUPPORTED_ACTIONS, SQL_SUPPORTED_POSITIONED_COMMANDS, SQL_SELECT_FOR_UPDATE_SUPPORTED,
            SQL_STORED_PROCEDURES_SUPPORTED, SQL_SUPPORTED_SUBQUERIES, SQL_CORRELATED_SUBQUERIES_SUPPORTED,
            SQL_SUPPORTED_UNIONS, SQL_MAX_BINARY_LITERAL_LENGTH, SQL_MAX_CHAR_LITERAL_LENGTH, SQL_MAX_COLUMN_NAME_LENGTH,
            SQL_MAX_COLUMNS_IN_GROUP_BY, SQL_MAX_COLUMNS_IN_INDEX, SQL_MAX_COLUMNS_IN_ORDER_BY,
            SQL_MAX_COLUMNS_IN_SELECT, SQL_MAX_COLUMNS_IN_TABLE, SQL_MAX_CONNECTIONS, SQL_MAX_CURSOR_NAME_LENGTH,
            SQL_MAX_INDEX_LENGTH, SQL_DB_SCHEMA_NAME_LENGTH, SQL_MAX_PROCEDURE_NAME_LENGTH,
            SQL_MAX_CATALOG_NAME_LENGTH, SQL_MAX_ROW_SIZE, SQL_MAX_ROW_SIZE_INCLUDES_BLOBS, SQL_MAX_STATEMENT_LENGTH,
            SQL_MAX_STATEMENTS, SQL_MAX_TABLE_NAME_LENGTH, SQL_MAX_TABLES_IN_SELECT, SQL_MAX_USERNAME_LENGTH,
            SQL_DEFAULT_TRANSACTION_ISOLATION, SQL_TRANSACTIONS_SUPPORTED,
            SQL_SUPPORTED_TRANSACTIONS_ISOLATION_LEVELS, SQL_DATA_DEFINITION_CAUSES_TRANSACTION_COMMIT,
            SQL_DATA_DEFINITIONS_IN_TRANSACTIONS_IGNORED, SQL_SUPPORTED_RESULT_SET_TYPES, SQL_BATCH_UPDATES_SUPPORTED,
            SQL_SAVEPOINTS_SUPPORTED, SQL_NAMED_PARAMETERS_SUPPORTED, SQL_LOCATORS_UPDATE_COPY,
            SQL_STORED_FUNCTIONS_USING_CALL_SYNTAX_SUPPORTED);
    /** 0 means "no limit known" for every SQL_MAX_* item. */
    private static final long NO_LIMIT = 0;
    private static final String[] NONE = new String[0];

    private final SqlInfoBuilder builder;

    FlightSqlInfo(Duration queryTimeout) {
        builder = new SqlInfoBuilder()
                .withFlightSqlServerName("Eider")
                .withFlightSqlServerVersion(Version.current())
                .withFlightSqlServerArrowVersion(Objects.requireNonNullElse(
                        VectorSchemaRoot.class.getPackage().getImplementationVersion(), "unknown"))
                .withFlightSqlServerReadOnly(true)
                .withFlightSqlServerSql(true)
                .withFlightSqlServerSubstrait(false)
                .withFlightSqlServerTransaction(SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
                // A query is cancelled by cancelling its DoGet call, not by the CancelFlightInfo action.
                .withFlightSqlServerCancel(false)
                .withFlightSqlServerBulkIngestion(false)
                .withFlightSqlServerStatementTimeout((int) Math.min(Integer.MAX_VALUE, queryTimeout.toMillis()))
                .withSqlDdlCatalog(false)
                .withSqlDdlSchema(false)
                .withSqlDdlTable(false)
                .withSqlIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
                .withSqlIdentifierQuoteChar("\"")
                .withSqlQuotedIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
                .withSqlAllTablesAreSelectable(true)
                .withSqlNullOrdering(SqlNullOrdering.SQL_NULLS_SORTED_AT_END)
                .withSqlKeywords(NONE)
                .withSqlNumericFunctions(NONE)
                .withSqlStringFunctions(NONE)
                .withSqlSystemFunctions(NONE)
                .withSqlDatetimeFunctions(NONE)
                .withSqlSearchStringEscape("\\")
                .withSqlExtraNameCharacters("")
                .withSqlSupportsColumnAliasing(true)
                .withSqlNullPlusNullIsNull(true)
                .withSqlSupportsConvert(Map.of())
                .withSqlSupportsTableCorrelationNames(true)
                .withSqlSupportsDifferentTableCorrelationNames(false)
                .withSqlSupportsExpressionsInOrderBy(true)
                .withSqlSupportsOrderByUnrelated(true)
                .withSqlSupportedGroupBy(SqlSupportedGroupBy.SQL_GROUP_BY_UNRELATED,
                        SqlSupportedGroupBy.SQL_GROUP_BY_BEYOND_SELECT)
                .withSqlSupportsLikeEscapeClause(true)
                .withSqlSupportsNonNullableColumns(true)
                .withSqlSupportedGrammar(SupportedSqlGrammar.SQL_MINIMUM_GRAMMAR, SupportedSqlGrammar.SQL_CORE_GRAMMAR)
                .withSqlAnsi92SupportedLevel(SupportedAnsi92SqlGrammarLevel.ANSI92_ENTRY_SQL)
                .withSqlSupportsIntegrityEnhancementFacility(false)
                .withSqlOuterJoinSupportLevel(SqlOuterJoinsSupportLevel.SQL_FULL_OUTER_JOINS)
                .withSqlSchemaTerm("schema")
                .withSqlProcedureTerm("procedure")
                .withSqlCatalogTerm("exporter")
                .withSqlCatalogAtStart(true)
                .withSqlSchemasSupportedActions()
                .withSqlCatalogsSupportedActions()
                .withSqlSupportedPositionedCommands()
                .withSqlSelectForUpdateSupported(false)
                .withSqlStoredProceduresSupported(false)
                .withSqlSubQueriesSupported(SqlSupportedSubqueries.SQL_SUBQUERIES_IN_COMPARISONS,
                        SqlSupportedSubqueries.SQL_SUBQUERIES_IN_EXISTS, SqlSupportedSubqueries.SQL_SUBQUERIES_IN_INS,
                        SqlSupportedSubqueries.SQL_SUBQUERIES_IN_QUANTIFIEDS)
                .withSqlCorrelatedSubqueriesSupported(true)
                .withSqlSupportedUnions(SqlSupportedUnions.SQL_UNION, SqlSupportedUnions.SQL_UNION_ALL)
                .withSqlMaxBinaryLiteralLength(NO_LIMIT)
                .withSqlMaxCharLiteralLength(NO_LIMIT)
                .withSqlMaxColumnNameLength(NO_LIMIT)
                .withSqlMaxColumnsInGroupBy(NO_LIMIT)
                .withSqlMaxColumnsInIndex(NO_LIMIT)
                .withSqlMaxColumnsInOrderBy(NO_LIMIT)
                .withSqlMaxColumnsInSelect(NO_LIMIT)
                .withSqlMaxColumnsInTable(NO_LIMIT)
                .withSqlMaxConnections(NO_LIMIT)
                .withSqlMaxCursorNameLength(NO_LIMIT)
                .withSqlMaxIndexLength(NO_LIMIT)
                .withSqlDbSchemaNameLength(NO_LIMIT)
                .withSqlMaxProcedureNameLength(NO_LIMIT)
                .withSqlMaxCatalogNameLength(NO_LIMIT)
                .withSqlMaxRowSize(NO_LIMIT)
                .withSqlMaxRowSizeIncludesBlobs(false)
                .withSqlMaxStatementLength(AdminRouter.MAX_BODY)
                .withSqlMaxStatements(1)
                .withSqlMaxTableNameLength(NO_LIMIT)
                .withSqlMaxTablesInSelect(NO_LIMIT)
                .withSqlMaxUsernameLength(NO_LIMIT)
                .withSqlDefaultTransactionIsolation(0)
                .withSqlTransactionsSupported(false)
                .withSqlSupportedTransactionsIsolationLevels()
                .withSqlDataDefinitionCausesTransactionCommit(false)
                .withSqlDataDefinitionsInTransactionsIgnored(false)
                .withSqlSupportedResultSetTypes(SqlSupportedResultSetType.SQL_RESULT_SET_TYPE_FORWARD_ONLY)
                .withSqlBatchUpdatesSupported(false)
                .withSqlSavepointsSupported(false)
                .withSqlNamedParametersSupported(false)
                .withSqlLocatorsUpdateCopy(false)
                .withSqlStoredFunctionsUsingCallSyntaxSupported(false);
    }

    /** The items asked for (all when none are named), those this server has. */
    void send(List<Integer> requested, ServerStreamListener listener) {
        builder.send(requested.stream().filter(code -> {
            SqlInfo info = SqlInfo.forNumber(code);
            return info != null && PROVIDED.contains(info);
        }).toList(), listener);
    }
}

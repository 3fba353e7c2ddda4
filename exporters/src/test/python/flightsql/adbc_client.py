"""One scenario of FlightSqlAdbcTest against Eider's Flight SQL endpoint, with Apache Arrow's ADBC
Flight SQL driver: reads its arguments as a JSON object (argv[1]) and prints what it saw as one
JSON object. Failures the scenario expects are printed, not raised; the Java test asserts."""
import json
import sys
import threading
import time

import adbc_driver_flightsql.dbapi as flightsql
import pyarrow
from adbc_driver_flightsql import DatabaseOptions


def connect(args, token=None):
    options = {DatabaseOptions.AUTHORIZATION_HEADER.value: "Bearer " + (token or args["token"])}
    if args.get("exporter"):
        options[DatabaseOptions.RPC_CALL_HEADER_PREFIX.value + "exporter"] = args["exporter"]
    if args.get("ca"):
        with open(args["ca"]) as pem:
            options[DatabaseOptions.TLS_ROOT_CERTS.value] = pem.read()
    return flightsql.connect(args["uri"], db_kwargs=options)


def table(cursor):
    result = cursor.fetch_arrow_table()
    assert isinstance(result, pyarrow.Table)
    return {"schema": [[field.name, str(field.type)] for field in result.schema], "rows": result.to_pylist()}


def fetch(args):
    with connect(args) as conn, conn.cursor() as cursor:
        cursor.execute(args["sql"], args.get("parameters"))
        return table(cursor)


def failure(args):
    """Runs sql (bulk-ingests when asked), which must fail; returns the error."""
    try:
        with connect(args, args.get("wrong_token")) as conn, conn.cursor() as cursor:
            if args.get("ingest"):
                cursor.adbc_ingest("stolen", pyarrow.table({"a": [1, 2]}), mode="create")
            else:
                cursor.execute(args["sql"])
                cursor.fetch_arrow_table()
    except Exception as error:  # noqa: BLE001 -- the error is the result
        return {"error": str(error)}
    return {"error": None}


def objects(args):
    with connect(args) as conn:
        seen = []
        for catalog in conn.adbc_get_objects(depth="all").read_all().to_pylist():
            for schema in catalog["catalog_db_schemas"] or []:
                for tab in schema["db_schema_tables"] or []:
                    columns = [column["column_name"] for column in tab["table_columns"] or []]
                    seen.append([catalog["catalog_name"], schema["db_schema_name"], tab["table_name"],
                                 tab["table_type"], columns])
        logs = conn.adbc_get_table_schema("otlp_logs", catalog_filter=args["catalog"], db_schema_filter="main")
        info = conn.adbc_get_info()
        return {"tables": seen, "logs_schema": [[f.name, str(f.type)] for f in logs],
                "vendor": info.get("vendor_name"), "arrow_version": info.get("vendor_arrow_version")}


def cancel(args):
    with connect(args) as conn, conn.cursor() as cursor:
        outcome = {}

        def run():
            started = time.monotonic()
            try:
                cursor.execute(args["sql"])
                cursor.fetch_arrow_table()
                outcome["error"] = None
            except Exception as error:  # noqa: BLE001
                outcome["error"] = str(error)
            outcome["seconds"] = time.monotonic() - started

        query = threading.Thread(target=run)
        query.start()
        time.sleep(1.5)
        cursor.adbc_cancel()
        query.join(60)
        outcome["finished"] = not query.is_alive()
        return outcome


def polars_frame(args):
    import polars
    with connect(args) as conn:
        frame = polars.read_database(args["sql"], connection=conn)
        return {"columns": frame.columns, "rows": frame.rows()}


def ready(args):
    with connect(args) as conn, conn.cursor() as cursor:
        counts = []
        for sql in args["queries"]:
            cursor.execute(sql)
            counts.append(cursor.fetch_arrow_table().num_rows)
        return {"row_counts": counts}


SCENARIOS = {"fetch": fetch, "failure": failure, "objects": objects, "cancel": cancel,
             "polars": polars_frame, "ready": ready}

if __name__ == "__main__":
    arguments = json.loads(sys.argv[1])
    print(json.dumps(SCENARIOS[arguments["scenario"]](arguments), default=str))

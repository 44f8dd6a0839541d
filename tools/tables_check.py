#!/usr/bin/env python3
"""Reads a `regdev export parquet` directory with DuckDB (and Polars and
PySpark, when installed) and prints, as JSON:

- for every table: its row count and its columns with DuckDB's types, and
  (Spark) the row count and column names Spark reads;
- the median GDP per head by regional model for one year and currency,
  computed by DuckDB SQL, by Polars and by Spark SQL (the worked queries
  of docs/tables.md).

tests/tables_engines.rs runs it and checks every number against regdev's
own answer on the same atlas. Usage:

    python tools/tables_check.py DIR YEAR CURRENCY
"""

import json
import sys

import duckdb

TABLES = [
    "sources", "exchange_rates", "archetypes", "towns", "observations",
    "profile_claims", "model_claims", "specialisations", "zones", "advantages", "stages",
    "notes", "graphs", "actors", "linkages",
]

# The worked DuckDB query of docs/tables.md.
MEDIAN_SQL = """
SELECT t.model, median(o.value) AS median_gdp_per_head, count(*) AS n
FROM read_parquet($obs) AS o
JOIN read_parquet($towns) AS t ON t.id = o.town
WHERE o.indicator = 'gdp_per_capita' AND o.year = $year AND o.currency = $currency
  AND t.model IS NOT NULL
GROUP BY t.model
ORDER BY t.model
"""


def main():
    directory, year, currency = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    con = duckdb.connect()
    out = {"tables": {}, "duckdb": {}, "polars": None}
    for t in TABLES:
        path = f"{directory}/{t}.parquet"
        cols = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [path]).fetchall()
        # Read every row and every column, not just the footer's count.
        rows = con.execute("SELECT * FROM read_parquet(?)", [path]).fetchall()
        out["tables"][t] = {"rows": len(rows), "columns": [[c[0], c[1]] for c in cols]}
    params = {
        "obs": f"{directory}/observations.parquet",
        "towns": f"{directory}/towns.parquet",
        "year": year,
        "currency": currency,
    }
    for model, median, n in con.execute(MEDIAN_SQL, params).fetchall():
        out["duckdb"][model] = {"median": median, "n": n}
    try:
        import polars as pl
    except ImportError:
        pl = None
    if pl is not None:
        # The worked Polars query of docs/tables.md.
        obs = pl.read_parquet(f"{directory}/observations.parquet")
        towns = pl.read_parquet(f"{directory}/towns.parquet")
        result = (
            obs.filter(
                (pl.col("indicator") == "gdp_per_capita")
                & (pl.col("year") == year)
                & (pl.col("currency") == currency)
            )
            .join(towns.filter(pl.col("model").is_not_null()), left_on="town", right_on="id")
            .group_by("model")
            .agg(pl.col("value").median().alias("median_gdp_per_head"), pl.len().alias("n"))
            .sort("model")
        )
        out["polars"] = {
            r["model"]: {"median": r["median_gdp_per_head"], "n": r["n"]} for r in result.iter_rows(named=True)
        }
    out["spark"], out["spark_tables"] = spark(directory, year, currency)
    json.dump(out, sys.stdout, indent=1)


# The worked Spark query of docs/tables.md (the year and currency as named
# parameters, Spark 3.4 and later).
SPARK_SQL = """
SELECT t.model, median(o.value) AS median_gdp_per_head, count(*) AS n
FROM observations o JOIN towns t ON t.id = o.town
WHERE o.indicator = 'gdp_per_capita' AND o.year = :year AND o.currency = :currency
  AND t.model IS NOT NULL
GROUP BY t.model ORDER BY t.model
"""


def spark(directory, year, currency):
    """The medians and every table as Spark (local mode) reads them; None,
    None when PySpark is not installed."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None, None
    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        tables = {}
        for t in TABLES:
            df = session.read.parquet(f"{directory}/{t}.parquet")
            df.createOrReplaceTempView(t)
            tables[t] = {"rows": df.count(), "columns": df.columns}
        rows = session.sql(SPARK_SQL, args={"year": year, "currency": currency}).collect()
        medians = {r["model"]: {"median": r["median_gdp_per_head"], "n": r["n"]} for r in rows}
        return medians, tables
    finally:
        session.stop()


if __name__ == "__main__":
    main()

"""listcheck's check on a Spark DataFrame, through ``mapInPandas``: the recipe of docs/scale.md.

    python docs/spark_check.py contactos.parquet salida/ [email]

It needs ``pyspark`` (and Java), which listcheck does not install: it was run by hand with pyspark
4.3.0 in local mode, and its result compared with ``check_frame`` (docs/scale.md says how); CI does
not run it. The steps are those of the Dask engine, with Spark's own shuffle for the duplicates:

1. survey each partition (its rows and domains), on the executors; merge the surveys on the driver,
   judge every domain once there and ask DNS once per domain (here: offline);
2. number the rows in the table's order and key them (``with_row_keys``);
3. find the first row of every key with Spark (``min_by`` grouped by key) and join it back to each row;
4. judge each row with its first row (``checked_with_firsts``), in any order.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import accumulate

import pandas as pd
from pyspark import TaskContext
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, IntegerType, LongType, StringType, StructField, StructType

from listcheck.engines.partitions import (
    FIRST_COLUMNS,
    ROW_KEY_COLUMNS,
    PartitionJudge,
    Survey,
    address_cells,
    checked_with_firsts,
    with_row_keys,
)
from listcheck.judge import RowJudge

SURVEY = StructType([StructField("partition", IntegerType()), StructField("rows", LongType()),
                     StructField("plain", ArrayType(StringType())), StructField("ask", ArrayType(StringType()))])
KEYED = [StructField(ROW_KEY_COLUMNS[0], LongType()), StructField(ROW_KEY_COLUMNS[1], StringType()),
         StructField(ROW_KEY_COLUMNS[2], IntegerType()), StructField(ROW_KEY_COLUMNS[3], StringType())]
VERDICTS = [StructField("listcheck_row", LongType())] + [
    StructField(name, StringType()) for name in
    ("listcheck_status", "listcheck_reason", "listcheck_detail", "listcheck_suggestion")]


def main(source: str, target: str, column: str = "email") -> None:
    spark = SparkSession.builder.master("local[2]").appName("listcheck").getOrCreate()
    table = spark.read.parquet(source)
    judge = PartitionJudge(RowJudge())

    def survey(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        rows, plain, ask = 0, set[str](), set[str]()
        for frame in frames:
            found = judge.survey(address_cells(frame, column))
            rows, plain, ask = rows + found.rows, plain | found.plain_domains, ask | found.domains_to_ask
        yield pd.DataFrame({"partition": [TaskContext.get().partitionId()], "rows": [rows],
                            "plain": [sorted(plain)], "ask": [sorted(ask)]})

    surveys = sorted(table.select(column).mapInPandas(survey, SURVEY).collect())
    whole = Survey.merged(Survey(row.rows, 0, frozenset(row.plain), frozenset(row.ask)) for row in surveys)
    run_judge = judge.with_domains(whole, answers={})  # DNS: checker_for(DnsSettings()).check(whole.domains_to_ask)
    starts = dict(zip((row.partition for row in surveys), accumulate((row.rows for row in surveys), initial=1)))

    def keyed(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        row = starts[TaskContext.get().partitionId()]
        for frame in frames:
            yield with_row_keys(frame, run_judge, column, row)
            row += len(frame)

    numbered = table.mapInPandas(keyed, StructType(table.schema.fields + KEYED))
    row, key, status, address = ROW_KEY_COLUMNS
    firsts = (numbered.where(F.col(key).isNotNull()).groupBy(key)
              .agg(F.min_by(F.struct(row, status, address), row).alias("first"))
              .select(key, F.col(f"first.{row}").alias(FIRST_COLUMNS[0]),
                      F.col(f"first.{status}").alias(FIRST_COLUMNS[1]),
                      F.col(f"first.{address}").alias(FIRST_COLUMNS[2])))
    joined = numbered.join(firsts, on=key, how="left").select(*table.columns, *ROW_KEY_COLUMNS, *FIRST_COLUMNS)

    def checked(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for frame in frames:
            yield checked_with_firsts(frame, run_judge, column)

    result = joined.mapInPandas(checked, StructType(table.schema.fields + VERDICTS)).orderBy("listcheck_row")
    result.write.mode("overwrite").parquet(target)
    spark.stop()


if __name__ == "__main__":
    main(*sys.argv[1:])

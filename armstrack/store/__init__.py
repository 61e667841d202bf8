"""The corpus store: DuckDB tables, one transaction per article, deals merged across articles.

Tables follow the product's data model. `deals` is derived from `deal_sources` (one row per
article reporting a deal), rebuilt for the deals an ingest touches inside the same transaction,
so a reader never sees a half-written article; `countries` is a view over the facts.

One concern per module: `connection` (the file, the dataset folder, the wait for a lock),
`schema` (tables, view, migrations), `writes` (articles in and out, in transactions), `deals`
(copies grouped and deals merged), `corrections` (analysts' reviews, applied when deals
are merged) and `articles` (stored articles rebuilt for extraction).
Everything callers use is named here.
"""

from armstrack.store.articles import stored_articles
from armstrack.store.connection import DEFAULT_DB, ROOT, StoreBusy, connect, db_path
from armstrack.store.corrections import (
    CorrectionError,
    correction_table,
    orphaned,
    review_deal,
    review_fact,
)
from armstrack.store.deals import merge_everything, rebuild_deals
from armstrack.store.schema import (
    SCHEMA,
    SCHEMA_VERSION,
    VIEWS,
    counts,
    create_tables,
    create_views,
    fill_country_ref,
    migrate,
)
from armstrack.store.writes import (
    SURE_ENCODINGS,
    article_state,
    delete_article,
    save,
    save_many,
    table_rows,
)

__all__ = [
    "DEFAULT_DB",
    "ROOT",
    "SCHEMA",
    "SCHEMA_VERSION",
    "SURE_ENCODINGS",
    "VIEWS",
    "CorrectionError",
    "StoreBusy",
    "article_state",
    "connect",
    "correction_table",
    "counts",
    "create_tables",
    "create_views",
    "db_path",
    "delete_article",
    "fill_country_ref",
    "merge_everything",
    "migrate",
    "orphaned",
    "rebuild_deals",
    "review_deal",
    "review_fact",
    "save",
    "save_many",
    "stored_articles",
    "table_rows",
]

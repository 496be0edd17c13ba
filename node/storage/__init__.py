"""The one place that holds SQL: the connection, numbered migrations and the queries.

Everything above this package (community, federation, web) calls the functions of its
modules and never writes SQL of its own.
"""

from node.storage.database import Database, Row, Transaction

__all__ = ["Database", "Row", "Transaction"]

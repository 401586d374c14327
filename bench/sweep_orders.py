"""Orders, items and messages for bench/sweep.py: one order of two lines and a message per user.

Every OPEN_EVERY-th user's order is still open (new, confirmed or shipped, in turn): the
sweep keeps its contact data and opens a waiting erasure request for that user.
"""

import uuid

from accounts.tests.factories import CompanyFactory

OPEN_EVERY = 20  # 5% of the subjects have an open order
OPEN_STATUSES = ("new", "confirmed", "shipped")


def order_status(user_id: int) -> str:
    if user_id % OPEN_EVERY:
        return "completed"
    return OPEN_STATUSES[(user_id // OPEN_EVERY) % len(OPEN_STATUSES)]


def _copy(cursor, table, columns, rows):
    with cursor.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def seed_orders(cursor, ids, long_ago) -> dict[str, int]:
    seller = CompanyFactory(name="TOO Bench Seller")
    cursor.execute("SELECT COALESCE(MAX(id), 0) FROM orders_order")
    offset = cursor.fetchone()[0] + 1 - ids.start
    _copy(
        cursor,
        "orders_order",
        ("id", "number", "public_id", "checkout_token", "company_id", "buyer_id", "full_name",
         "organization", "email", "phone", "address", "comment", "shipping_method",
         "payment_method", "status", "subtotal", "has_items_on_request", "cancel_reason",
         "created_at", "updated_at", "buyer_bic", "buyer_bin", "buyer_iban",
         "buyer_legal_address", "buyer_signatory"),
        ((i + offset, f"B-{i}", uuid.uuid4(), f"bench-{i}", seller.pk, i,
          "Смагулова Айгерим Ерлановна", "ТОО Агро", f"user{i}@bench.kz", "+77011234567",
          "Astana, Abay ave. 1", "Please call before delivery", "pickup", "bank_transfer",
          order_status(i), 250000, False, "", long_ago, long_ago, "", "", "", "", "")
         for i in ids),
    )  # fmt: skip
    _copy(
        cursor,
        "orders_orderitem",
        ("order_id", "title", "unit", "price", "quantity"),
        ((i + offset, title, "tonne", 50000, 5)
         for i in ids for title in ("Пшеница 3 класс", "Ячмень фуражный")),
    )  # fmt: skip
    _copy(
        cursor,
        "orders_ordermessage",
        ("order_id", "side", "author_id", "author_email", "body", "created_at"),
        ((i + offset, "buyer", i, "", "Когда будет отгрузка?", long_ago) for i in ids),
    )
    for table in ("orders_order", "orders_orderitem", "orders_ordermessage"):
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
        )
    users = len(ids)
    return {"orders_order": users, "orders_orderitem": 2 * users, "orders_ordermessage": users}


def open_orders(ids) -> int:
    """Return how many of the seeded users have an open order (they wait, not go)."""
    return sum(1 for i in ids if order_status(i) != "completed")

"""A writer for the crash test: inserts customers until it is killed.

Usage: python durability_writer.py DATABASE SEED

It imports everything, then waits for a line on stdin before it opens the database, so the
test can start the next writer while the current one is still running.

Each transaction adds 1–50 customers, each with one phone. After its COMMIT has returned, the
writer prints one line, ``committed ID ID …``, and flushes it: a printed id is a promise that
the row survives whatever happens to this process next.
"""

from __future__ import annotations

import random
import sys

from callcenter.storage.database import open_database
from callcenter.storage.models import Customer, CustomerPhone, new_id


def main(path: str, seed: int) -> None:
    rng = random.Random(seed)
    sys.stdin.readline()  # "go"
    db = open_database(path)
    serial = 0
    while True:
        ids = []
        with db.session() as session:
            for _ in range(rng.randint(1, 50)):
                serial += 1
                customer = Customer(id=new_id(), name=f"Crash {seed}/{serial}", notes="x" * 200)
                customer.phones.append(CustomerPhone(e164=f"+86138{serial:08d}"))
                session.add(customer)
                ids.append(customer.id)
        sys.stdout.write("committed " + " ".join(ids) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

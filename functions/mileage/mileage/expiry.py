"""Year-end expiry (연말 소멸): at the start of year Y, points credited in years ≤ Y−1−N (N = the county's
`carry_over_years`) that are still unspent expire. Spending, holds and deductions use the oldest points first (FIFO,
`rules.lots`), so what is "still unspent" is computed per account from its ledger. Points held for a pending
redemption were taken at the hold and are not expired; if the redemption fails after the year-end run, the refund
gives them back and lapses those of expired years at once (`fulfilment`).

Each account's expiry is one transaction — an `EXPIRED#<year>` marker (condition: absent), the EXPIRE ledger entry
(entry id `EXPIRE#<year>`), the balance move (version condition) and the MileageExpired outbox event — so running
the job twice for a year changes nothing the second time.
"""

from __future__ import annotations

from common.clock import now
from common.dynamo import TransactionCancelled
from common.observability import logger
from mileage.area import MAX_ATTEMPTS
from mileage.events import expired
from mileage.rules import policy as rules
from mileage.rules.lots import expiring, movements
from mileage.storage import accounts as stored
from mileage.storage.table import transaction


def expire_account(employee_no: str, year: int, carry_over_years: int) -> int:
    """Expire one account's points for `year`; the points expired (0 when none, or when it already ran)."""
    for _ in range(MAX_ATTEMPTS):
        if stored.get_expiry_marker(employee_no, year) is not None:
            return 0
        account = stored.get_balance(employee_no)
        if account is None:
            return 0
        balance, held, version = int(account.balance), int(account.held), int(account.version)
        amount = min(balance, expiring(movements(stored.whole_ledger(employee_no)), year=year,
                                       carry_over_years=carry_over_years))
        if amount <= 0:
            return 0
        at = now().isoformat()
        tx = transaction()
        stored.mark_expired(tx, employee_no, year, amount, at)
        sequence = stored.balance_update(tx, employee_no, expected_version=version, new_balance=balance - amount,
                                         new_held=held, at=at)
        stored.add_ledger_entry(tx, employee_no, f"EXPIRE#{year}", sequence=sequence, kind="EXPIRE", delta=-amount,
                                held_delta=0, reference=f"EXPIRE#{year}", balance_after=balance - amount,
                                held_after=held, at=at)
        tx.event(expired(
            employee_no=employee_no, department=account.department, year=year, carry_over_years=carry_over_years,
            points=amount, balance_after=balance - amount).envelope())
        try:
            tx.commit()
            return amount
        except TransactionCancelled as error:
            if "marker" in error.labels:
                return 0  # another run got there first
            if "balance" in error.labels or error.contention:
                continue
            raise
    raise RuntimeError(f"balance of {employee_no} kept moving; run the job again for {year}")


def run(year: int | None = None) -> dict[str, int]:
    """Expire every account's points for `year` (default: the current year in Asia/Seoul)."""
    section = rules._cached_policy()
    year = year or now().year
    counts = {"year": year, "accounts": 0, "expired_accounts": 0, "points": 0}
    if section is None:
        return counts
    carry = section.expiry.carry_over_years
    for employee_no in stored.all_account_numbers():
        counts["accounts"] += 1
        points = expire_account(employee_no, year, carry)
        if points:
            counts["expired_accounts"] += 1
            counts["points"] += points
    logger.info("year-end expiry", extra=counts)
    return counts

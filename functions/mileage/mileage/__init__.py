"""적극행정 마일리지: grants, approvals, balances and ledger, redemptions."""

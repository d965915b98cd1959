"""적극행정 우수공무원 선발: cycles, nominations, preliminary review, the weighted vote, the committee's decision and
the incentives of the selected (issue #15; docs/decisions.md)."""

"""Residents: their own sign-in (the residents' user pool), the personal data the county holds about them, and
withdrawal."""

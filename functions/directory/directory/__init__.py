"""The staff directory: departments, staff, roles, roster import from the HR export, the AA committee roster,
and the Cognito users that follow from it."""

"""The AWS services the directory drives besides its table: Cognito."""

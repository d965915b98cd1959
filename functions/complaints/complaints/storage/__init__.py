"""The only code that knows DynamoDB."""

"""The residents' storage: the only code that knows DynamoDB (items.py), one module per feature."""

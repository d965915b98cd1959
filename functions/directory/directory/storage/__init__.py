"""The directory's storage: the only code that knows DynamoDB (items.py), one module per feature for its reads and
writes."""

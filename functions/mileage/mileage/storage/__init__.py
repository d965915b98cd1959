"""The only code that knows DynamoDB: the mileage table's items, keys, indexes and transactions."""

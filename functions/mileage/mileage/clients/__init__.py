"""The AWS services mileage drives besides its table: the evidence bucket (S3), the voucher vendor's queue."""

"""The rules of mileage: plain Python, no I/O (tested without moto)."""

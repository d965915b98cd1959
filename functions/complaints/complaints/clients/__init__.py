"""Other services the area drives (the notification port)."""

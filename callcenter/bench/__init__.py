"""``callcenter bench …``: measurements that print JSON. Speed is checked here, not in tests."""

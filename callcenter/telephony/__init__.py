"""Phone-system adapters behind one interface. Qt-free; imports neither ui nor storage."""

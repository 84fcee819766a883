"""The outbound screens: call lists (campaigns), their editor and their progress."""

"""The inbound desk: screen pop, the call panel, wrap-up and the customer view."""

"""The customer 360° view, the customer form and the new-customer dialog."""

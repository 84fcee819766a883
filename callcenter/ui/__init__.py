"""The Qt user interface: widgets, Qt models, dialogs and the bridge to the services."""

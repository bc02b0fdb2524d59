"""The Qt-free core: forms, catalogues, store, computed cells and checks."""

"""dothi: the tracker of Vietnam's Interagency Working Group on smart cities."""

__version__ = "0.2.0"

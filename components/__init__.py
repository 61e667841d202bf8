"""Streamlit building blocks: filters, cached loaders, chart builders, tables and downloads."""

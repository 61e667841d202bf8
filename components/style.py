"""The Overview's own CSS, small and light to import.

The Overview sends it before anything else, ahead of its heavy imports: the style travels as an
HTML element, so a browser opening the app fetches the HTML element's code while the server is
still importing, rather than after the sidebar's widgets once the charts arrive (the Overview's
bars are HTML elements). A style-only element takes no room on the page.
"""

from __future__ import annotations

import streamlit as st

# The bar part under the pointer stands out from its neighbours (the Overview's bars name each
# part on hover).
APP_CSS = ".top-bars span[title]:hover{filter:brightness(0.85)}"


def send_style() -> None:
    st.html(f"<style>{APP_CSS}</style>")

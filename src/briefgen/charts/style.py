"""What every chart shares: its width and font."""

WIDTH = 720  # px; scaled to the text width in the PDF, so only the aspect ratio matters
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
DEFAULT_ACCENT = "#1f4e79"

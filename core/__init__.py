"""What every app uses: rate limits, text cleaning, Markdown, cache-or-compute, the database kind.

Nothing here imports a feature app; every app may import from here.
"""

"""The numeral-and-quantity grammar (`numerals`) and the date grammar (`dates`): one reader of
each that every extractor, and the readers below them, use (issue 14)."""

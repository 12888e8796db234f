"""handbook.pdf: Typst sources, their compilation, and the merge of the parts."""

"""Fitting the extractor's decisions on annotated articles: the annotated sets, the scoring rules
real articles are judged by, and the `train` command. Not imported by extraction at run time:
extraction reads only the fitted weights (`data/models/*.json`)."""
